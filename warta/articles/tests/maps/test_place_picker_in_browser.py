"""The place picker in Wagtail's edit form, in a real browser: search, click, fill the fields."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def editor_tab(served_page, client, site):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return served_page(site.hostname, viewport={"width": 1280, "height": 900})


def test_search_then_click_sets_the_point_and_its_area(editor_tab, site, kuta, gazetteer):
    tab = editor_tab
    tab.goto(f"http://{site.hostname}/admin/pages/{kuta.pk}/edit/")
    picker = tab.locator("[data-place-picker]")
    picker.locator(".leaflet-outline-pane path, .leaflet-overlay-pane path").first.wait_for(
        state="attached"
    )

    picker.locator("[data-place-search]").fill("senta")
    picker.locator("[data-place-results] li", has_text="Sentani").click()
    assert tab.locator("#id_place_latitude").input_value() == "-2.573500"
    assert tab.locator("#id_place_province").input_value() == "Papua"
    assert tab.locator("#id_place_regency").input_value() == "Kabupaten Jayapura"

    # A click on the map moves the point and looks up the nearest district.
    tab.locator("#id_place_regency").fill("")
    canvas = picker.locator("[data-place-map]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2})
    tab.wait_for_function(
        "() => document.getElementById('id_place_regency').value === 'Kabupaten Jayapura'"
    )
    assert tab.locator("#id_place_latitude").input_value() != "-2.573500"
    ARTIFACTS.mkdir(exist_ok=True)
    picker.screenshot(path=str(ARTIFACTS / "maps-place-picker.png"))
    assert tab.blocked == []
