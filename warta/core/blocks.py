"""Body blocks every kind of story shares: paragraphs, headings, quotes and embeds.

Articles and live updates build their bodies from these (and from the photo
and video blocks of their apps), so a paragraph or an embed looks the same in
a story and in its live coverage. Every block that points at other rows loads
them in bulk for the whole body, so a body costs the same number of queries
whether it has three blocks or sixty.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.embeds.models import Embed

# What editors may format in running text; `warta.core.sanitise` allows the tags these make.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Short texts (an author's bio) take no lists.
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "link"]


def paragraph_block(label):
    """Running text, rendered through the sanitiser (see core/blocks/paragraph.html)."""
    return blocks.RichTextBlock(
        label=label, features=RICH_TEXT_FEATURES, template="core/blocks/paragraph.html"
    )


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
        template = "core/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "core/blocks/quote.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = PrefetchingEmbedBlock(label=_("URL"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "core/blocks/embed.html"
