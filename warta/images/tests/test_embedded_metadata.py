"""Credit, caption and GPS are read from the upload; GPS stays with editors."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from warta.images.factories import GPS_POINT, make_image, photo_bytes
from warta.images.metadata import read_metadata

pytestmark = pytest.mark.django_db


def test_xmp_credit_and_caption_and_exif_gps_are_read():
    data = photo_bytes(credit="Antara/Budi", caption="Banjir di Sentani")
    found = read_metadata(Image.open(io.BytesIO(data)))
    assert found.credit == "Antara/Budi"
    assert found.caption == "Banjir di Sentani"
    assert found.latitude == pytest.approx(GPS_POINT[0], abs=1e-4)
    assert found.longitude == pytest.approx(GPS_POINT[1], abs=1e-4)


def test_exif_artist_is_the_credit_when_there_is_no_xmp():
    found = read_metadata(Image.open(io.BytesIO(photo_bytes(artist="Yosef Kogoya"))))
    assert found.credit == "Yosef Kogoya"


def test_upload_fills_empty_fields_and_suggests_a_place_without_publishing_it():
    image = make_image(
        credit="",
        description="",
        data=photo_bytes(credit="Antara/Budi", caption="Banjir di Sentani"),
    )
    assert image.credit == "Antara/Budi"
    assert image.caption == "Banjir di Sentani"
    assert image.suggested_place == pytest.approx(GPS_POINT, abs=1e-4)
    assert image.place_latitude is None and image.place_longitude is None
    assert not image.has_place


def test_credit_typed_by_the_editor_wins_over_the_embedded_one():
    image = make_image(credit="Redaksi BALICITIZEN", data=photo_bytes(credit="Antara/Budi"))
    assert image.credit == "Redaksi BALICITIZEN"


def test_a_photo_without_metadata_suggests_no_place():
    image = make_image(data=photo_bytes(point=None))
    assert image.suggested_place is None


def test_editors_see_the_originals_gps_read_only_on_the_image_form(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    image = make_image()

    html = client.get(reverse("wagtailimages:edit", args=(image.pk,))).content.decode()

    field = re.search(r'<input[^>]*name="original_latitude"[^>]*>', html).group(0)
    assert "disabled" in field and f'value="{GPS_POINT[0]}"' in field
    assert "hanya redaksi yang melihatnya" in html


def test_replacing_the_file_replaces_the_suggested_place(client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    image = make_image()
    new_point = (-8.7181, 115.1687)  # Kuta

    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "credit": image.credit,
            "description": image.description,
            "file": SimpleUploadedFile("kuta.jpg", photo_bytes(point=new_point)),
        },
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.suggested_place == pytest.approx(new_point, abs=1e-4)
