"""The video block, self-contained (template, player script, JSON-LD) for articles and live."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class VideoBlock(blocks.StructBlock):
    video = SnippetChooserBlock("video.Video", label=_("video"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the video's caption.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "video/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        video = value.get("video")
        context["video"] = video if video is not None and video.playable else None
        context["structured_data"] = video_object(video, parent_context) if video else None
        return context


def video_object(video, parent_context=None):
    """schema.org VideoObject, so search engines list the clip with its poster and length."""
    if not video.playable:
        return None
    request = (parent_context or {}).get("request")

    def absolute(url):
        return request.build_absolute_uri(url) if request is not None else url

    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": video.title,
        "description": video.caption or video.title,
        "thumbnailUrl": [absolute(video.poster_url)],
        "uploadDate": video.created_at.isoformat(),
        "contentUrl": absolute(video.fallback_url or video.playlist_url),
    }
    if video.duration:
        seconds = round(video.duration)
        data["duration"] = f"PT{seconds // 60}M{seconds % 60}S"
    if video.credit:
        data["creator"] = {"@type": "Person", "name": video.credit}
    return data
