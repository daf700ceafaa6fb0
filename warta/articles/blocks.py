"""Article body blocks: the shared ones (core, images, video, maps) and the related read.

Every block that points at other rows loads them in bulk for the whole body
(see `warta.core.blocks`), so an article costs the same number of queries
whether its body has three blocks or sixty.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from warta.core.blocks import EmbedWithCaptionBlock, HeadingBlock, QuoteBlock, paragraph_block
from warta.images.blocks import GalleryBlock, ImageBlock
from warta.maps.blocks import MapBlock
from warta.video.blocks import VideoBlock


class RelatedReadBlock(blocks.StructBlock):
    """The inline "BACA JUGA" link to another article, as papers print it mid-story."""

    page = blocks.PageChooserBlock(label=_("article"), page_type="articles.ArticlePage")

    class Meta:
        icon = "link"
        label = _("Related read")
        template = "articles/blocks/related.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = paragraph_block(_("Paragraph"))
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    embed = EmbedWithCaptionBlock()
    related = RelatedReadBlock()
    map = MapBlock()
