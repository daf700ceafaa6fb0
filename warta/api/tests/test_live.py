"""Live coverages and their updates: on public pages only, approved updates only."""

import pytest

from warta.live.factories import make_coverage, make_topic, make_update

pytestmark = pytest.mark.django_db


def test_coverages_on_published_pages_are_listed(api, site):
    shown = make_coverage(make_topic(site, "Banjir", "banjir"))
    hidden_topic = make_topic(site, "Rahasia", "rahasia")
    make_coverage(hidden_topic)
    hidden_topic.unpublish()
    items = api("live-coverages").data["items"]
    assert [item["id"] for item in items] == [shown.pk]
    assert items[0]["status"] == "live"
    assert items[0]["status_label"] == "Langsung"
    assert items[0]["updates"].endswith(f"/api/v1/live-coverages/{shown.pk}/updates")


def test_updates_are_approved_ones_newest_first_as_blocks_and_html(api, site):
    coverage = make_coverage(make_topic(site))
    make_update(coverage, "Air mulai naik.", headline="Pagi")
    make_update(coverage, "Air mulai surut.", headline="Siang", key_event=True)
    make_update(coverage, "Belum diperiksa.", approved=False)
    response = api(f"live-coverages/{coverage.pk}/updates")
    assert response.status_code == 200
    items = response.data["items"]
    assert [item["headline"] for item in items] == ["Siang", "Pagi"]
    assert items[0]["key_event"] is True
    assert items[0]["body"][0]["type"] == "text"
    assert items[0]["body"][0]["value"] == {"html": "<p>Air mulai surut.</p>\n"}
    assert "Air mulai surut." in items[0]["html"] and 'class="live-update' in items[0]["html"]
    assert response.data["coverage"]["id"] == coverage.pk


def test_updates_of_an_unpublished_page_are_not_found(api, site):
    topic = make_topic(site)
    coverage = make_coverage(topic)
    make_update(coverage)
    topic.unpublish()
    response = api(f"live-coverages/{coverage.pk}/updates")
    assert response.status_code == 404
    assert response.data["detail_en"] == "There is nothing public with this address."
