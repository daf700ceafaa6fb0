"""Bad photo uploads are refused with a clear Indonesian message and leave nothing behind."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from warta.images.factories import photo_bytes, png_header_only
from warta.images.models import WartaImage

pytestmark = pytest.mark.django_db

SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>fetch('/admin/')</script><rect width="10" height="10"/></svg>"""


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    return client


def stored_files(settings):
    roots = [Path(settings.MEDIA_ROOT), Path(settings.MEDIA_ROOT).parent / "private-media"]
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def post(client, name, data):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Foto", "file": SimpleUploadedFile(name, data), "credit": "", "caption": ""},
    )


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("bahaya.svg", SVG, "Format gambar tidak didukung"),
        (
            "raksasa.png",
            png_header_only(40_000, 40_000),
            "Berkas ini memiliki terlalu banyak piksel",
        ),
        ("foto.jpg", b"Ini teks, bukan foto.\n" * 50, "bukan merupakan berkas gambar"),
    ],
)
def test_a_bad_image_is_refused_in_indonesian(editor, settings, name, data, message):
    before = stored_files(settings)

    response = post(editor, name, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert WartaImage.objects.count() == 0
    assert stored_files(settings) == before


def test_an_image_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000

    response = post(editor, "besar.jpg", photo_bytes())

    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert WartaImage.objects.count() == 0


def test_a_good_photo_is_stored_privately_with_its_embedded_credit(editor, settings):
    response = post(editor, "banjir.jpg", photo_bytes(credit="Antara/Budi"))

    assert response.status_code == 302
    image = WartaImage.objects.get()
    assert image.credit == "Antara/Budi"
    assert image.original_latitude is not None
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()
