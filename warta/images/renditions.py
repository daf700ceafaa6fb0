"""Which renditions readers get, and the rule that none carries private metadata."""

from PIL import ImageOps
from wagtail.images.models import Filter
from willow.plugins.pillow import PillowImage
from willow.registry import registry

from warta.images.metadata import strip_private_metadata

# The picture specs of body images and galleries (`{% story_picture %}`, templatetags/photos.py),
# also made at publish time (articles.tasks), so that is exactly what pages ask for.
BODY_PICTURE = ("width-{400,800,1200}", "format-{avif,webp,jpeg}")
GALLERY_PICTURE = ("fill-{400x300,800x600}", "format-{avif,webp,jpeg}")
# The front page's lead photo: 16:9 crops around the focal point ("fill" honours it).
LEAD_PICTURE = ("fill-{400x225,800x450}", "format-{avif,webp,jpeg}")
# The article's share card (ArticlePage.get_context).
SHARE_SPEC = "fill-1200x630"


def body_photos(stream_value):
    """Each photo of a story body with the `{% picture %}` specs its block renders."""
    for block in stream_value or ():
        if block.block_type == "image" and block.value.get("image"):
            yield block.value["image"], BODY_PICTURE
        elif block.block_type == "gallery":
            for item in block.value["images"]:
                if item.get("image"):
                    yield item["image"], GALLERY_PICTURE


def filter_specs(picture):
    return Filter.expand_spec(list(picture))


def auto_orient_without_private_metadata(image):
    """Willow's auto_orient, then drop EXIF (GPS, maker notes), XMP and IPTC.

    Every Wagtail rendition starts with auto_orient (Filter.run), so replacing
    this one operation covers every format and every filter; orientation is
    applied to the pixels first, so nothing needs the EXIF afterwards.
    """
    oriented = ImageOps.exif_transpose(image.image)
    return PillowImage(strip_private_metadata(oriented))


def register_willow_operations():
    registry.register_operation(PillowImage, "auto_orient", auto_orient_without_private_metadata)
