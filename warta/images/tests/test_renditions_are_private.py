"""No file a reader can fetch carries the photo's GPS point, its device, or the original."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import ExifTags, Image

from warta.images.factories import make_image, photo_bytes

pytestmark = pytest.mark.django_db

SPECS = (
    "width-400|format-jpeg",
    "width-400|format-webp",
    "width-400|format-avif",
    "width-400|format-png",
    "fill-200x200",  # the original's own format (JPEG)
    "max-165x165",  # the admin's thumbnail
)


def assert_no_private_metadata(data):
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "photoshop"):
        assert not image.info.get(key), key
    # And nothing recognisable hides elsewhere in the bytes.
    for marker in (b"Reporter Phone", b"PhoneMaker", b"Sentani", b"photoshop:Credit"):
        assert marker not in data


@pytest.mark.parametrize("source_format", ["JPEG", "PNG", "WEBP"])
def test_every_rendition_is_free_of_gps_device_and_xmp(source_format):
    data = photo_bytes(image_format=source_format, credit="Antara", caption="Sentani")
    original = Image.open(io.BytesIO(data))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo does carry GPS
    image = make_image(data=data)
    for spec in SPECS:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            assert_no_private_metadata(handle.read())


def test_orientation_from_exif_is_applied_before_the_exif_is_dropped():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotated 90° clockwise: portrait on screen
    source = Image.new("RGB", (400, 200), "red")
    output = io.BytesIO()
    source.save(output, "JPEG", exif=exif.tobytes())
    rendition = make_image(data=output.getvalue()).get_rendition("width-100|format-jpeg")
    assert (rendition.width, rendition.height) == (100, 200)


def test_the_original_is_stored_outside_public_media_and_never_served(client):
    image = make_image()
    original = Path(image.file.path)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert media_root not in original.resolve().parents
    assert client.get(image.file.url).status_code == 404
    name = image.file.name
    for path in (f"/media/{name}", f"/media/images/../{name}", "/media/private-media/" + name):
        assert client.get(path).status_code == 404


def test_renditions_are_served_with_a_long_public_cache(client):
    rendition = make_image().get_rendition("width-400|format-webp")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert response.cookies == {}


def test_media_outside_the_public_prefixes_is_not_served(client, settings):
    (Path(settings.MEDIA_ROOT) / "other").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "other" / "secret.txt").write_text("x")
    assert client.get("/media/other/secret.txt").status_code == 404
    assert client.get("/media/images/../other/secret.txt").status_code == 404
