"""Live updates with a place are on the maps while readers can see them, and only then."""

import pytest

from warta.live.factories import make_coverage, make_topic, make_update
from warta.maps.factories import KUTA, SENTANI, hours_ago
from warta.maps.models import MapPoint

pytestmark = pytest.mark.django_db
URL = "/api/peta/titik.geojson"


def live_points():
    return list(MapPoint.objects.filter(kind="live").order_by("pk"))


@pytest.fixture
def coverage(site):
    return make_coverage(make_topic(site))


def test_approved_update_is_on_the_map_with_a_link_to_itself(get, coverage):
    update = make_update(coverage, headline="Air mulai surut", time=hours_ago(1), **KUTA)

    response = get(URL, data={"kind": "live"})

    assert response.status_code == 200
    [feature] = response.json()["features"]
    topic = coverage.page
    assert feature["properties"]["title"] == "Air mulai surut"
    assert feature["properties"]["kind_label"] == "Pembaruan langsung"
    assert (
        feature["properties"]["url"] == f"{topic.relative_url(topic.get_site())}#update-{update.pk}"
    )
    assert feature["geometry"]["coordinates"] == [KUTA["place_longitude"], KUTA["place_latitude"]]
    assert get(URL, data={"kind": "live", "topic": topic.pk}).json()["features"]
    assert get(URL, data={"kind": "article"}).json()["features"] == []


def test_update_without_headline_is_named_by_its_text(coverage):
    make_update(coverage, text="Warga <b>mulai</b> kembali ke rumah.", **SENTANI)
    assert [point.title for point in live_points()] == ["Warga mulai kembali ke rumah."]


def test_update_awaiting_approval_is_not_on_the_map_until_approved(coverage):
    update = make_update(coverage, approved=False, **KUTA)
    assert live_points() == []
    update.approved = True
    update.save()
    assert len(live_points()) == 1


def test_update_without_a_place_is_not_on_the_map(coverage):
    make_update(coverage)
    assert live_points() == []


def test_approximate_update_is_rounded_on_the_map(coverage):
    make_update(coverage, place_approximate=True, **KUTA)
    [point] = live_points()
    assert (point.latitude, point.longitude) == (-8.72, 115.17)


def test_deleted_update_leaves_the_map(coverage):
    update = make_update(coverage, **KUTA)
    update.delete()
    assert live_points() == []


def test_unpublished_topic_takes_its_updates_off_the_map_and_back(coverage):
    make_update(coverage, **KUTA)
    topic = coverage.page
    topic.unpublish()
    assert live_points() == []
    topic.save_revision().publish()
    assert len(live_points()) == 1


def test_light_list_marks_live_updates(get, coverage, map_page):
    make_update(coverage, headline="Air mulai surut", **KUTA)
    page = get("/peta/", data={"tampilan": "daftar"}).content.decode()
    assert "Air mulai surut" in page
    assert "Pembaruan langsung" in page
