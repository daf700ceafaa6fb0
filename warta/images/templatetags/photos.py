"""`{% story_picture %}`: Wagtail's `{% picture %}` with the specs written once.

The renditions a body photo or a gallery photo gets are named in
`warta.images.renditions` (BODY_PICTURE, GALLERY_PICTURE); the templates and
the publish-time task that makes the first photo's renditions both read them
from there, so they can never ask for different files.
"""

from django import template
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from warta.images.renditions import BODY_PICTURE, GALLERY_PICTURE, LEAD_PICTURE, filter_specs

register = template.Library()

PICTURES = {"body": BODY_PICTURE, "gallery": GALLERY_PICTURE, "lead": LEAD_PICTURE}


@register.simple_tag
def story_picture(image, kind, **attrs):
    """A <picture> of `image` in the `kind` ("body", "gallery", "lead") renditions.

    Lazy by default; the front page's lead passes loading="eager".
    """
    if not image:
        return ""
    filters = [Filter(spec=spec) for spec in filter_specs(PICTURES[kind])]
    attrs = {"loading": "lazy", "decoding": "async", **attrs}
    return Picture(get_renditions_or_not_found(image, filters), attrs).__html__()
