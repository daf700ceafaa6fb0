"""The GeoJSON behind the maps: filters, limits, caching headers and bad input."""

from unittest import mock

import pytest

from warta.articles.factories import make_article, make_section, make_site, publish
from warta.articles.models import TopicIndexPage, TopicPage
from warta.maps.factories import KUTA, SENTANI, hours_ago
from warta.maps.models import MapPoint
from warta.maps.registry import registry

pytestmark = pytest.mark.django_db
URL = "/api/peta/titik.geojson"
# Where every purge goes out (Wagtail's frontend_cache, behind warta.core.purge).
PURGE = "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache"


def titles(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return [f["properties"]["title"] for f in response.json()["features"]]


def test_points_are_recent_placed_stories_newest_first(get, kuta, sentani, section):
    make_article(section, title="Tanpa tempat", published_at=hours_ago(1))
    make_article(section, title="Lama", published_at=hours_ago(24 * 10), **KUTA)

    response = get(URL)

    assert titles(response) == ["Relawan bersihkan Pantai Kuta", "Festival Danau Sentani"]
    feature = response.json()["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [115.1686, -8.7185]}
    assert feature["properties"]["url"] == kuta.relative_url(kuta.get_site())
    assert feature["properties"]["area"] == "Kabupaten Badung, Bali"
    assert feature["properties"]["time_label"].endswith("WITA")


def test_time_window_filter(get, kuta, sentani):
    assert titles(get(URL, data={"days": 1})) == ["Relawan bersihkan Pantai Kuta"]
    old = make_article(kuta.get_parent(), title="Lama", published_at=hours_ago(24 * 20), **KUTA)
    assert old.title in titles(get(URL, data={"days": 30}))


def test_bbox_filter_selects_points_inside_the_box(get, kuta, sentani):
    bali = "114.4,-8.9,115.8,-8.0"
    assert titles(get(URL, data={"bbox": bali})) == ["Relawan bersihkan Pantai Kuta"]


def test_site_section_and_topic_filters(get, site, section, kuta, sentani):
    other_section = make_section(site, "Papua", "papua")
    in_papua = make_article(other_section, title="Di Papua", published_at=hours_ago(2), **SENTANI)
    index = publish(site.root_page.specific, TopicIndexPage(title="Topik", slug="topik"))
    topic = publish(index, TopicPage(title="Sampah plastik", slug="sampah"))
    with_topic = make_article(
        section, title="Bertopik", published_at=hours_ago(5), topics=[topic], **KUTA
    )
    other_site = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    make_article(
        make_section(other_site, "Papua", "papua"),
        title="Situs lain",
        published_at=hours_ago(1),
        **SENTANI,
    )

    assert "Situs lain" not in titles(get(URL))
    other = get(URL, data={"site": other_site.pk})
    assert titles(other) == ["Situs lain"]
    properties = other.json()["features"][0]["properties"]
    assert properties["url"].startswith("http://pospapusa.localhost/")
    assert properties["time_label"].endswith("WIT")
    assert titles(get(URL, data={"section": other_section.pk})) == [in_papua.title]
    assert titles(get(URL, data={"topic": topic.pk})) == [with_topic.title]


def test_results_are_paginated_with_a_next_link(get, section):
    for hours in range(1, 6):
        make_article(section, title=f"Berita {hours}", published_at=hours_ago(hours), **KUTA)

    first = get(URL, data={"limit": 2}).json()
    assert [f["properties"]["title"] for f in first["features"]] == ["Berita 1", "Berita 2"]
    assert first["total"] == 5
    last = get(first["next"]).json()
    assert len(last["features"]) == 2
    assert get(URL, data={"limit": 2, "page": 4}).status_code == 400


def test_responses_are_public_and_answer_304_to_a_known_etag(get, kuta):
    response = get(URL)
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert not response.cookies
    again = get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304

    make_article(kuta.get_parent(), title="Baru", published_at=hours_ago(1), **SENTANI)
    assert get(URL, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "bbox=115,200,116,201",
        "bbox=-1800,-90,1800,90",
        "days=3650",
        "since=2016-01-01T00:00:00Z",
        "days=abc",
        "limit=1e99",
        "page=x",
        "site=%00",
        "bbox=115,-9,116",
    ],
)
def test_bad_input_is_a_400_with_a_json_message(get, kuta, query):
    response = get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_number_of_points_returned_is_bounded_by_default(get, kuta, sentani, section):
    make_article(section, title="Ketiga", published_at=hours_ago(4), **KUTA)
    with mock.patch("warta.maps.query.DEFAULT_LIMIT", 2):
        body = get(URL).json()
    assert len(body["features"]) == 2 and body["total"] == 3 and "next" in body
    assert get(URL, data={"limit": 10_000}).status_code == 200
    assert get(URL, data={"limit": 10_001}).status_code == 400


def test_publishing_purges_the_site_maps_from_the_front_end_cache(
    site, section, map_page, django_capture_on_commit_callbacks
):
    with (
        mock.patch(PURGE) as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        make_article(section, title="Baru", published_at=hours_ago(1), **KUTA)
    urls = purge.call_args.args[0]
    assert f"{site.root_url}/api/peta/titik.geojson" in urls
    assert map_page.get_full_url() in urls


def test_unpublishing_and_deleting_remove_the_point(kuta, sentani):
    assert MapPoint.objects.count() == 2
    kuta.unpublish()
    assert list(MapPoint.objects.values_list("title", flat=True)) == [sentani.title]
    sentani.delete()
    assert not MapPoint.objects.exists()


def test_moving_a_story_updates_its_link(site, kuta):
    other_section = make_section(site, "Papua", "papua")
    kuta.move(other_section, pos="last-child")
    assert MapPoint.objects.get().url == f"/papua/{kuta.slug}/"


def test_rebuild_recreates_the_points_and_queues_one_purge_per_site(
    request, django_capture_on_commit_callbacks
):
    # The test is one transaction: publishing's own purge is sent first, so
    # what rebuild queues is seen on its own.
    with django_capture_on_commit_callbacks(execute=True):
        kuta = request.getfixturevalue("kuta")
        request.getfixturevalue("sentani")
    MapPoint.objects.all().delete()
    with mock.patch(PURGE) as purge, django_capture_on_commit_callbacks(execute=True):
        assert registry.rebuild() == 2
    assert MapPoint.objects.count() == 2
    assert purge.call_count == 1
    assert f"{kuta.get_site().root_url}{URL}" in purge.call_args.args[0]
