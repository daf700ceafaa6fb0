"""A photo's own GPS is offered to editors as a place, and becomes public only if they take it."""

import pytest
from django.contrib.auth import get_user_model

from warta.images.factories import GPS_POINT, make_image, photo_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_tab(served_page, client, site, gazetteer):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return served_page(site.hostname, viewport={"width": 1280, "height": 900})


def test_photo_gps_is_suggested_and_used_only_on_request(editor_tab, site):
    image = make_image()
    assert image.place_latitude is None  # the GPS stays private until an editor acts
    tab = editor_tab
    tab.goto(f"http://{site.hostname}/admin/images/{image.pk}/")
    picker = tab.locator("[data-place-picker]")
    picker.locator(".leaflet-overlay-pane path").first.wait_for(state="attached")
    assert "Jayapura Utara, Kota Jayapura, Papua" in picker.inner_text()

    picker.locator("[data-place-suggestion]").click()
    assert tab.locator("#id_place_latitude").input_value() == f"{GPS_POINT[0]:.6f}"
    tab.wait_for_function(
        "() => document.getElementById('id_place_regency').value === 'Kota Jayapura'"
    )
    tab.locator("#id_place_approximate").check()
    with tab.expect_response(lambda response: response.request.method == "POST") as saved:
        tab.locator("button.button-longrunning[type=submit]").click()
    assert saved.value.status == 302  # saved and sent back to the listing

    image.refresh_from_db()
    assert image.place_regency == "Kota Jayapura"
    assert image.place_name == "Jayapura Utara"
    # Approximate: rounded to two decimals before it was stored.
    assert (image.place_latitude, image.place_longitude) == (-2.53, 140.72)
    assert tab.blocked == []


def test_photo_without_gps_offers_no_suggestion(client, site, gazetteer):
    image = make_image(data=photo_bytes(point=None))
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    page = client.get(f"/admin/images/{image.pk}/", HTTP_HOST=site.hostname).content.decode()
    assert "data-place-picker" in page
    assert "data-place-suggestion" not in page
