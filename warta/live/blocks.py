"""Blocks of a live update's body.

The list lives in one class so a new kind of block is one line here.
Updates reuse the shared body blocks (core, images, video), so an image or
embed looks the same in a story and in its live coverage, and loads in bulk
the same way.
"""

import json

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

from warta.core.blocks import EmbedWithCaptionBlock, paragraph_block
from warta.images.blocks import ImageBlock
from warta.video.blocks import VideoBlock

# An update is a few paragraphs typed on a phone, not a long read; anything
# larger is a paste gone wrong and would be pushed to every open page.
MAX_BODY_CHARS = 20_000


def has_content(child):
    """Whether a block shows readers anything: an empty paragraph does not."""
    if child.block_type == "text":
        return bool(strip_tags(child.value.source if child.value else "").strip())
    return child.value is not None


class LiveUpdateBodyBlock(blocks.StreamBlock):
    text = paragraph_block(_("Text"))
    image = ImageBlock()
    video = VideoBlock()
    embed = EmbedWithCaptionBlock()

    def clean(self, value):
        if not any(has_content(child) for child in value):
            raise StreamBlockValidationError(
                non_block_errors=[ValidationError(_("Write something before posting the update."))]
            )
        value = super().clean(value)
        size = len(json.dumps(self.get_prep_value(value), ensure_ascii=False))
        if size > MAX_BODY_CHARS:
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("The update is too long (%(size)s characters; at most %(max)s).")
                        % {"size": size, "max": MAX_BODY_CHARS}
                    )
                ]
            )
        return value
