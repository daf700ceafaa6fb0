"""The demo's own Peta pages: places in Bali and Papua, on the map with the network blocked."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from warta.maps.models import MapPage, MapPoint

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def demo(db):
    call_command("load_demo", port=80, stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_stories_have_places_in_bali_and_papua(demo):
    assert MapPage.objects.live().count() == 2
    provinces = set(MapPoint.objects.values_list("province", flat=True))
    assert {"Bali", "Papua"} <= provinces
    assert MapPoint.objects.filter(approximate=True).get().latitude == -8.67


def test_demo_map_page_shows_markers_over_the_offline_outline(served_page, demo):
    host = "balicitizen.localhost"
    tab = served_page(host, viewport={"width": 800, "height": 700})
    tab.goto(f"http://{host}/peta/")

    # Four placed stories and the four placed updates of the live coverage.
    points = MapPoint.objects.filter(site__hostname=host)
    assert points.filter(kind="article").count() == 4
    assert points.filter(kind="live").count() == 4
    tab.wait_for_selector("[data-coverage-map][data-points='8'][data-outline='ready']")
    assert tab.locator(".leaflet-outline-pane path").count() >= 30
    # Single markers, or clusters that count what they hold.
    singles = tab.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    clustered = sum(int(n) for n in tab.locator(".marker-cluster span").all_inner_texts())
    assert singles + clustered == 8 and singles >= 1

    marker = tab.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    title = marker.get_attribute("title")
    marker.click()
    popup = tab.locator(".leaflet-popup-content")
    popup.wait_for()
    assert title in popup.inner_text() and "WITA" in popup.inner_text()
    tab.wait_for_timeout(400)  # let the map pan the popup into view
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "maps-demo-peta.png"))

    popup.get_by_role("link").click()
    tab.wait_for_load_state()
    # A story's headline, or a live update's, on the page the marker links to.
    assert title.rstrip("…") in tab.locator("main").inner_text()
    assert tab.blocked == []
