"""An approximate place is rounded (~1 km) in everything stored: row, revisions, map points."""

import pytest

from warta.articles.factories import make_article
from warta.maps.factories import hours_ago
from warta.maps.models import MapPoint

pytestmark = pytest.mark.django_db

EXACT = {"place_latitude": -8.718523, "place_longitude": 115.168634}
ROUNDED = (-8.72, 115.17)


@pytest.fixture
def protected(section):
    return make_article(
        section,
        title="Sumber yang dilindungi",
        published_at=hours_ago(1),
        place_name="Kuta",
        place_approximate=True,
        **EXACT,
    )


def test_the_page_row_holds_only_the_rounded_point(protected):
    protected.refresh_from_db()
    assert (protected.place_latitude, protected.place_longitude) == ROUNDED


def test_revisions_hold_only_the_rounded_point(protected):
    # A draft edit: revisions are JSON copies that Placed.save() never sees.
    protected.place_latitude, protected.place_longitude = -8.651234, 115.219876
    revision = protected.save_revision()
    revision.refresh_from_db()
    assert (revision.content["place_latitude"], revision.content["place_longitude"]) == (
        -8.65,
        115.22,
    )
    for stored in protected.revisions.all():
        assert stored.content["place_latitude"] in (-8.72, -8.65)


def test_map_points_and_geojson_hold_only_the_rounded_point(protected, get):
    point = MapPoint.objects.get()
    assert (point.latitude, point.longitude, point.approximate) == (*ROUNDED, True)
    feature = get("/api/peta/titik.geojson").json()["features"][0]
    assert feature["geometry"]["coordinates"] == [ROUNDED[1], ROUNDED[0]]
    assert feature["properties"]["approximate"] is True


def test_exact_places_are_kept_exact(section):
    article = make_article(section, published_at=hours_ago(1), **EXACT)
    assert MapPoint.objects.get().latitude == EXACT["place_latitude"]
    assert article.latest_revision.content["place_latitude"] == EXACT["place_latitude"]
