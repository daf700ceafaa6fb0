"""Real image files made in memory, with the metadata a camera or an agency writes."""

import io
import struct
import zlib

from django.core.files.images import ImageFile
from PIL import ExifTags, Image

from warta.images.models import WartaImage

# A point in Jayapura: what a phone camera would record beside a source's house.
GPS_POINT = (-2.533333, 140.716667)

XMP_TEMPLATE = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="{credit}"
 photoshop:City="Sentani">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def _rational(value):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return (degrees, minutes, seconds)


def camera_exif(point=GPS_POINT, artist=""):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Reporter Phone 7"
    if artist:
        exif[ExifTags.Base.Artist] = artist
    latitude, longitude = point
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S" if latitude < 0 else "N"
    gps[ExifTags.GPS.GPSLatitude] = _rational(abs(latitude))
    gps[ExifTags.GPS.GPSLongitudeRef] = "W" if longitude < 0 else "E"
    gps[ExifTags.GPS.GPSLongitude] = _rational(abs(longitude))
    return exif


def photo_bytes(
    size=(1600, 1000), image_format="JPEG", point=GPS_POINT, credit="", caption="", artist=""
):
    """A photo as a phone writes it: EXIF with GPS and device, optional XMP credit/caption."""
    image = Image.new("RGB", size, (30, 120, 200))
    # Some structure, so encoders have something to do.
    for x in range(0, size[0], 50):
        image.paste((240, 200, 40), (x, 0, x + 10, size[1]))
    options = {"exif": camera_exif(point, artist).tobytes()} if point else {}
    if credit or caption:
        options["xmp"] = XMP_TEMPLATE.format(credit=credit, caption=caption).encode()
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def make_image(title="Foto", credit="Ni Luh Ayu/BALICITIZEN", description="Pantai", data=None):
    """A saved WartaImage from a camera-like JPEG (GPS included unless `data` says otherwise)."""
    image = WartaImage(title=title, credit=credit, description=description)
    image.file = ImageFile(io.BytesIO(data or photo_bytes()), name="photo.jpg")
    image.save()
    return image


def png_header_only(width, height):
    """A tiny PNG that claims to be `width`×`height` (a decompression bomb's header)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
