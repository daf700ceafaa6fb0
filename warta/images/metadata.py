"""Reading a photo's embedded credit, caption and GPS point, and removing them.

Plain functions on Pillow images, with no database, so they are tested
directly. Reading fills the editor's form (credit, caption) and the editor-only
suggested place; removing runs on every rendition Wagtail makes, because
Willow copies a JPEG or PNG original's EXIF block (GPS included) into its
renditions unless told otherwise.
"""

from dataclasses import dataclass

from defusedxml import ElementTree
from PIL import ExifTags, IptcImagePlugin

# Image.info keys that carry location, device or authoring metadata. The ICC
# colour profile is kept: it describes colours, not people or places.
PRIVATE_INFO_KEYS = (
    "exif",
    "xmp",
    "XML:com.adobe.xmp",
    "photoshop",
    "iptc",
    "comment",
    "adobe",
    "adobe_transform",
    "mp",
)

IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_CAPTION = (2, 120)

XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
}


@dataclass
class PhotoMetadata:
    credit: str = ""
    caption: str = ""
    latitude: float | None = None
    longitude: float | None = None


def read_metadata(pillow_image):
    """Credit, caption and GPS point embedded by the camera or the agency, if any."""
    found = PhotoMetadata()
    xmp = _read_xmp(pillow_image)
    iptc = _read_iptc(pillow_image)
    exif = pillow_image.getexif()
    found.credit = (
        iptc.get(IPTC_CREDIT)
        or iptc.get(IPTC_BYLINE)
        or xmp.get("credit")
        or xmp.get("creator")
        or _clean(exif.get(ExifTags.Base.Artist))
    )[:255]
    found.caption = (
        iptc.get(IPTC_CAPTION)
        or xmp.get("description")
        or _clean(exif.get(ExifTags.Base.ImageDescription))
    )
    found.latitude, found.longitude = _read_gps(exif)
    return found


def strip_private_metadata(pillow_image):
    """Drop location, device and authoring metadata from an image before it is saved."""
    for key in PRIVATE_INFO_KEYS:
        pillow_image.info.pop(key, None)
    # Pillow also keeps a parsed EXIF object that some encoders write back.
    pillow_image._exif = None
    if hasattr(pillow_image, "applist"):
        pillow_image.applist = []
    return pillow_image


def _clean(value):
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return (value or "").replace("\x00", "").strip()


def _read_iptc(pillow_image):
    try:
        raw = IptcImagePlugin.getiptcinfo(pillow_image) or {}
    except (SyntaxError, ValueError, IndexError, TypeError):
        return {}
    values = {}
    for key, value in raw.items():
        if isinstance(value, list):
            value = value[0] if value else b""
        values[key] = _clean(value)
    return values


def _read_xmp(pillow_image):
    raw = pillow_image.info.get("xmp") or pillow_image.info.get("XML:com.adobe.xmp")
    if not raw:
        return {}
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "replace")
    # Packets are wrapped in processing instructions; the RDF is what we read.
    start = raw.find(b"<x:xmpmeta")
    if start == -1:
        start = raw.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if raw[start : start + 10] == b"<x:xmpmeta" else b"</rdf:RDF>"
    end = raw.find(end_tag, start)
    if start == -1 or end == -1:
        return {}
    try:
        # defusedxml refuses DTDs and entities: XMP comes from whoever sent the photo.
        root = ElementTree.fromstring(raw[start : end + len(end_tag)])
    except Exception:  # any malformed packet just means "no XMP"
        return {}
    values = {}
    for description in root.iter(f"{{{XMP_NS['rdf']}}}Description"):
        credit = description.get(f"{{{XMP_NS['photoshop']}}}Credit")
        if credit:
            values.setdefault("credit", credit.strip())
        for field, tag in (("creator", "dc:creator"), ("description", "dc:description")):
            prefix, name = tag.split(":")
            element = description.find(f"{prefix}:{name}", XMP_NS)
            if element is not None:
                text = " ".join(t.strip() for t in element.itertext() if t.strip())
                if text:
                    values.setdefault(field, text)
        credit_element = description.find("photoshop:Credit", XMP_NS)
        if credit_element is not None and (credit_element.text or "").strip():
            values.setdefault("credit", credit_element.text.strip())
    return values


def _read_gps(exif):
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except (KeyError, ValueError, TypeError, SyntaxError):
        return None, None
    try:
        latitude = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef))
        longitude = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef))
    except (KeyError, ValueError, TypeError, ZeroDivisionError, IndexError):
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    return round(latitude, 6), round(longitude, 6)


def _degrees(value, ref):
    degrees, minutes, seconds = (float(part) for part in value)
    result = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    return -result if (ref or "").strip().upper() in ("S", "W") else result
