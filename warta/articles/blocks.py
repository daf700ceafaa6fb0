"""Article body blocks.

Every block that points at other rows (images, related articles, embeds) loads
them in bulk for the whole body, so an article costs the same number of
queries whether its body has three blocks or sixty.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.embeds.models import Embed

from warta.images.blocks import GalleryBlock, PrefetchingImageChooserBlock
from warta.maps.blocks import MapBlock
from warta.video.blocks import VideoBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class PrefetchedEmbedValue(EmbedValue):
    def __init__(self, url, max_width=None, max_height=None, embed=None):
        super().__init__(url, max_width, max_height)
        self.embed = embed

    @cached_property
    def html(self):
        if self.embed is not None:
            return self.embed.html
        return embed_to_frontend_html(self.url, self.max_width, self.max_height)


class PrefetchingEmbedBlock(EmbedBlock):
    """Looks up every embed of the body in one query instead of one per embed."""

    def bulk_to_python(self, values):
        values = list(values)
        hashes = {url: get_embed_hash(url) for url in values if url}
        embeds = {e.hash: e for e in Embed.objects.filter(hash__in=hashes.values())}
        return [
            PrefetchedEmbedValue(url, embed=embeds.get(hashes[url])) if url else None
            for url in values
        ]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("Heading")), ("h3", _("Subheading"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "articles/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the image's caption.")
    )
    credit = blocks.CharBlock(
        label=_("credit"), required=False, help_text=_("Leave empty to use the image's credit.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "articles/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "articles/blocks/quote.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = PrefetchingEmbedBlock(label=_("URL"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "articles/blocks/embed.html"


class RelatedReadBlock(blocks.StructBlock):
    """The inline "BACA JUGA" link to another article, as papers print it mid-story."""

    page = blocks.PageChooserBlock(label=_("article"), page_type="articles.ArticlePage")

    class Meta:
        icon = "link"
        label = _("Related read")
        template = "articles/blocks/related.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, template="articles/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    embed = EmbedWithCaptionBlock()
    related = RelatedReadBlock()
    map = MapBlock()
