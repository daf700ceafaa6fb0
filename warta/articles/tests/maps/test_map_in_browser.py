"""The Peta page in a real browser with every outside host blocked."""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def test_map_page_shows_markers_over_the_offline_outline_and_opens_a_story(
    served_page, site, map_page, kuta, sentani
):
    tab = served_page(site.hostname, viewport={"width": 900, "height": 700})
    tab.goto(f"http://{site.hostname}/peta/")

    canvas = tab.locator("[data-coverage-map]")
    canvas.locator(".leaflet-marker-icon").first.wait_for()
    tab.wait_for_selector("[data-coverage-map][data-outline='ready']")
    # The provinces of the offline layer are drawn, under the two stories' markers.
    assert tab.locator(".leaflet-outline-pane path").count() >= 30
    assert canvas.locator(".leaflet-marker-icon").count() == 2

    tab.locator(".leaflet-marker-icon[title='Relawan bersihkan Pantai Kuta']").click()
    popup = tab.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Relawan bersihkan Pantai Kuta" in popup.inner_text()
    assert "WITA" in popup.inner_text()
    tab.wait_for_timeout(400)  # let the map pan the popup into view for the screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "maps-peta-offline.png"))

    popup.get_by_role("link").click()
    tab.wait_for_url(f"**{kuta.relative_url(site)}")
    assert tab.locator("h1").first.inner_text() == "Relawan bersihkan Pantai Kuta"
    # Nothing left the test host: no tiles, no fonts, no third-party scripts.
    assert tab.blocked == []
