"""The place picker in an edit form: picking a place raises no error, and a search
that finds nothing says so."""

import pytest
from django.contrib.auth import get_user_model

from warta.images.factories import make_image, photo_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def picker_tab(served_page, client, site, gazetteer):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    tab = served_page(site.hostname, viewport={"width": 390, "height": 844})
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    image = make_image(data=photo_bytes(point=None))
    tab.goto(f"http://{site.hostname}/admin/images/{image.pk}/")
    tab.locator("[data-place-picker] .leaflet-overlay-pane path").first.wait_for(state="attached")
    return tab


def test_picking_from_search_and_map_raises_no_error(picker_tab):
    tab = picker_tab
    picker = tab.locator("[data-place-picker]")
    picker.locator("[data-place-search]").fill("jayapura")
    picker.locator("[data-place-results] li").first.click()
    assert tab.locator("#id_place_regency").input_value() == "Kota Jayapura"
    assert float(tab.locator("#id_place_latitude").input_value()) == pytest.approx(-2.5, abs=0.2)
    assert picker.locator(".leaflet-marker-icon").count() == 1

    # A click on the map moves the same marker (place() again, now with a marker).
    picker.locator("[data-place-map]").click(position={"x": 60, "y": 60})
    tab.wait_for_timeout(300)
    assert picker.locator(".leaflet-marker-icon").count() == 1
    assert tab.errors == []


def test_typed_coordinates_move_the_marker(picker_tab):
    tab = picker_tab
    tab.locator("#id_place_latitude").fill("-8.68")
    tab.locator("#id_place_longitude").fill("115.26")
    tab.locator("#id_place_longitude").dispatch_event("change")
    marker = tab.locator("[data-place-picker] .leaflet-marker-icon")
    assert marker.count() == 1
    assert tab.errors == []


def test_search_without_match_says_so(picker_tab):
    tab = picker_tab
    picker = tab.locator("[data-place-picker]")
    note = picker.locator("[data-place-not-found]")
    picker.locator("[data-place-search]").fill("zzqx tempat khayalan")
    note.wait_for(state="visible")
    assert note.inner_text() == "Tidak ditemukan — klik peta untuk memilih titik"
    picker.locator("[data-place-search]").fill("jayapura")
    picker.locator("[data-place-results] li").first.wait_for(state="visible")
    assert note.is_hidden()
    assert tab.errors == []
