"""The Peta page, the light list view, section and topic maps, and the map block."""

import pytest

from warta.articles.factories import make_article, publish
from warta.articles.models import TopicIndexPage, TopicPage
from warta.maps.factories import KUTA, hours_ago

pytestmark = pytest.mark.django_db


def test_map_page_lists_recent_stories_grouped_by_area_without_javascript(
    get, map_page, kuta, sentani
):
    response = get("/peta/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-coverage-map" in html and "maps/map.js" in html
    bali, papua = html.index("<h3>Bali</h3>"), html.index("<h3>Papua</h3>")
    assert bali < html.index("Kabupaten Badung") < html.index(kuta.title) < papua
    assert papua < html.index("Kabupaten Jayapura") < html.index(sentani.title)
    assert "public" in response["Cache-Control"] and not response.cookies
    assert "csrfmiddlewaretoken" not in html


def test_light_view_is_the_list_without_the_map_library(get, map_page, kuta):
    html = get("/peta/?tampilan=daftar").content.decode()
    assert kuta.title in html
    assert "data-coverage-map" not in html and "leaflet" not in html


def test_time_filter_narrows_the_list(get, map_page, kuta, sentani):
    html = get("/peta/?days=1").content.decode()
    assert kuta.title in html and sentani.title not in html


def test_map_page_answers_bad_filters_with_a_400_and_a_message(get, map_page):
    response = get("/peta/?days=3650")
    assert response.status_code == 400
    assert "90" in response.content.decode()


def test_section_and_topic_pages_offer_their_own_map_with_its_list(get, site, section, kuta):
    index = publish(site.root_page.specific, TopicIndexPage(title="Topik", slug="topik"))
    topic = publish(index, TopicPage(title="Sampah plastik", slug="sampah"))

    section_html = get(section.relative_url(site)).content.decode()
    empty_topic_html = get(topic.relative_url(site)).content.decode()
    kuta.topics = [topic]
    kuta.save_revision().publish()
    topic_html = get(topic.relative_url(site)).content.decode()

    assert f"section={section.pk}" in section_html and "data-coverage-map" in section_html
    # The folded map carries its list, so it opens on something without JavaScript.
    folded = section_html.split('<details class="folded-map">', 1)[1].split("</details>", 1)[0]
    assert kuta.title in folded and "WITA</time>" in folded
    assert f"topic={topic.pk}" in topic_html and "data-coverage-map" in topic_html
    # No placed story in the last 7 days: no empty map.
    assert "data-coverage-map" not in empty_topic_html and "folded-map" not in empty_topic_html


def test_map_box_says_it_is_loading_and_has_an_empty_state(get, map_page):
    html = get("/peta/").content.decode()
    assert 'class="coverage-map__status js-only" role="status">Memuat peta…</p>' in html
    assert 'data-text-empty="Tidak ada lokasi"' in html


def test_map_block_in_an_article_body(get, section):
    block = {"place_name": "Pantai Kuta", "latitude": -8.7185, "longitude": 115.1686, "zoom": 12}
    article = make_article(
        section,
        published_at=hours_ago(1),
        body=[("map", {**block, "caption": "Lokasi pembersihan"})],
        **KUTA,
    )

    html = get(article.relative_url(article.get_site())).content.decode()

    assert '"marker": {"latitude": -8.7185, "longitude": 115.1686, "zoom": 12' in html
    assert "Pantai Kuta — Lokasi pembersihan" in html


def test_outline_layer_is_indonesias_provinces_cached_for_a_day(get):
    response = get("/api/peta/garis-provinsi.geojson")
    provinces = {f["properties"]["name"] for f in response.json()["features"]}
    assert {"Bali", "Papua", "Aceh"} <= provinces and len(provinces) >= 30
    assert "max-age=86400" in response["Cache-Control"]
    assert (
        get("/api/peta/garis-provinsi.geojson", HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )
