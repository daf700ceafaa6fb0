"""An approximate place is rounded (~1 km) in everything stored: row, revisions, map points."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection, models
from wagtail.models import Revision

from warta.articles.factories import make_article
from warta.articles.models import ArticlePage
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


# Each path that stores an article's place, checked on its own: removing the
# rounding from any one of them (Placed.save, the queryset, the revision
# signals, the data migration) fails one of these.


def exact_in_row(page, point=EXACT):
    """Put the exact point straight into the row, as an old row or raw SQL would have it."""
    models.QuerySet.update(ArticlePage._base_manager.filter(pk=page.pk), **point)


def test_saving_the_row_rounds_it(protected):
    protected.place_latitude, protected.place_longitude = -8.651234, 115.219876
    protected.save()
    protected.refresh_from_db()
    assert (protected.place_latitude, protected.place_longitude) == (-8.65, 115.22)


def test_queryset_update_rounds_approximate_rows(protected, section):
    plain = make_article(section, published_at=hours_ago(2), **EXACT)
    ArticlePage.objects.filter(pk__in=[protected.pk, plain.pk]).update(place_latitude=-8.651234)
    protected.refresh_from_db()
    plain.refresh_from_db()
    assert protected.place_latitude == -8.65
    assert plain.place_latitude == -8.651234

    ArticlePage.objects.filter(pk=plain.pk).update(place_approximate=True)
    plain.refresh_from_db()
    assert (plain.place_latitude, plain.place_longitude) == (-8.65, 115.17)


def test_bulk_update_rounds_approximate_rows(protected):
    protected.place_latitude = -8.651234
    ArticlePage.objects.bulk_update([protected], ["place_latitude"])
    protected.refresh_from_db()
    assert protected.place_latitude == -8.65


def test_a_draft_never_published_holds_only_the_rounded_point(section):
    page = ArticlePage(title="Draf", slug="draf", live=False, place_approximate=True, **EXACT)
    section.add_child(instance=page)
    # The editor moves the point in a later draft, as the edit view does.
    page.place_latitude, page.place_longitude = -8.651234, 115.219876
    page.save_revision()
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert (page.place_latitude, page.place_longitude) == ROUNDED
    stored = [
        (r.content["place_latitude"], r.content["place_longitude"]) for r in page.revisions.all()
    ]
    assert stored == [(-8.65, 115.22)]


def test_marking_a_place_approximate_rounds_the_earlier_versions(section):
    article = make_article(section, published_at=hours_ago(1), **EXACT)
    assert article.revisions.get().content["place_latitude"] == EXACT["place_latitude"]

    article.place_approximate = True
    article.save_revision()

    assert {r.content["place_latitude"] for r in article.revisions.all()} == {-8.72}


def test_saving_an_approximate_row_outside_a_revision_rounds_the_versions(section):
    article = make_article(section, published_at=hours_ago(1), **EXACT)
    article.place_approximate = True
    article.save()  # the shell or a script, not the editor

    assert {r.content["place_latitude"] for r in article.revisions.all()} == {-8.72}


def test_the_data_migration_rounds_old_rows_and_revisions(protected, section):
    exact_in_row(protected)
    draft_only = make_article(section, published_at=hours_ago(2), **EXACT)
    # An old draft that said "approximate" but was stored before the signals existed.
    revision = draft_only.save_revision()
    content = {**revision.content, "place_approximate": True, **EXACT}
    models.QuerySet.update(Revision._base_manager.filter(pk=revision.pk), content=content)
    models.QuerySet.update(
        Revision._base_manager.filter(pk=protected.latest_revision_id),
        content={**protected.latest_revision.content, **EXACT},
    )

    migration = importlib.import_module("warta.articles.migrations.0008_round_approximate_places")
    migration.round_places(django_apps, connection.schema_editor())

    protected.refresh_from_db()
    assert (protected.place_latitude, protected.place_longitude) == ROUNDED
    assert {r.content["place_latitude"] for r in protected.revisions.all()} == {-8.72}
    assert {r.content["place_latitude"] for r in draft_only.revisions.all()} == {-8.72}
    # The draft's row was never approximate: it is public and exact, and stays as it is.
    draft_only.refresh_from_db()
    assert draft_only.place_latitude == EXACT["place_latitude"]
