"""The place picker in Wagtail's edit form, in a real browser: search, click, fill the fields."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from warta.maps.models import GazetteerPlace

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def gazetteer(db):
    rows = [
        ("51", "province", 1, "Bali", "", "Bali", -8.23566, 115.12239),
        ("5103", "regency", 2, "Kabupaten Badung", "", "Bali", -8.51667, 115.2),
        ("5103010", "district", 3, "Kuta", "Kabupaten Badung", "Bali", -8.7238, 115.17523),
        ("9403", "regency", 2, "Kabupaten Jayapura", "", "Papua", -3.0, 139.95),
        ("9403060", "district", 3, "Sentani", "Kabupaten Jayapura", "Papua", -2.5735, 140.5164),
    ]
    for code, kind, level, name, regency, province, latitude, longitude in rows:
        GazetteerPlace.objects.create(
            code=code,
            kind=kind,
            level=level,
            name=name,
            regency=regency,
            province=province,
            latitude=latitude,
            longitude=longitude,
            search_name=name.lower(),
        )


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
        "document.getElementById('id_place_regency').value === 'Kabupaten Jayapura'"
    )
    assert tab.locator("#id_place_latitude").input_value() != "-2.573500"
    ARTIFACTS.mkdir(exist_ok=True)
    picker.screenshot(path=str(ARTIFACTS / "maps-place-picker.png"))
    assert tab.blocked == []
