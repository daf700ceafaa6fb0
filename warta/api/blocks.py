"""A story body as structured blocks: what each block says, with public URLs only.

Wagtail's own `get_api_representation` gives chooser blocks as bare ids
(an image's pk, a page's pk), which an integrator cannot use and which would
point at originals; here a photo is its rendition's URL, size, alt text,
caption and credit, a video its public outputs, a related read the article's
title and URL (only when it is published). The rendered HTML of the same body
is sent beside it (`render_body`), made by the same block templates as the
reader's page.
"""

from django.template.loader import render_to_string

from warta.images.renditions import SHARE_SPEC

# The one body rendition the API links to: made at publish time for every body photo
# (images.renditions.BODY_PICTURE), so asking for it writes nothing.
BODY_SPEC = "width-1200|format-jpeg"
GALLERY_SPEC = "fill-800x600|format-jpeg"


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def image_data(request, image, spec, caption="", credit=""):
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
        "caption": caption or image.caption,
        "credit": credit or image.credit,
    }


def lead_image_data(request, image):
    return image_data(request, image, SHARE_SPEC)


def video_data(request, video, caption=""):
    if video is None or not video.playable:
        return None
    return {
        "title": video.title,
        "caption": caption or video.caption,
        "credit": video.credit,
        "duration": video.duration,
        "poster": absolute(request, video.poster_url),
        "hls": absolute(request, video.playlist_url),
        "mp4": absolute(request, video.fallback_url),
        "captions": absolute(request, video.captions_url),
    }


def related_data(request, page):
    if page is None or not page.live:
        return None
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


def block_value(request, child):
    kind, value = child.block_type, child.value
    if kind in ("paragraph", "text"):
        return {"html": child.render()}
    if kind == "image":
        return image_data(request, value["image"], BODY_SPEC, value["caption"], value["credit"])
    if kind == "gallery":
        return {
            "title": value["title"],
            "images": [
                image_data(request, item["image"], GALLERY_SPEC, item["caption"])
                for item in value["images"]
                if item["image"] is not None
            ],
        }
    if kind == "video":
        return video_data(request, value["video"], value["caption"])
    if kind == "embed":
        return {"url": value["embed"].url if value["embed"] else None, "caption": value["caption"]}
    if kind == "related":
        return related_data(request, value["page"])
    # heading, quote, map: plain values already.
    return child.block.get_api_representation(value)


def structured_body(request, body):
    """`[{"type", "id", "value"}]`; a block whose photo, video or page is gone has no value."""
    return [
        {"type": child.block_type, "id": child.id, "value": block_value(request, child)}
        for child in body
    ]


def render_body(request, body, page=None):
    """The body's HTML as the reader's page shows it (the same block templates)."""
    return render_to_string(
        "api/body.html", {"body": body, "page": page, "request": request}, request=None
    )
