"""Rich text that reaches a reader is cleaned by nh3, whatever wrote it.

Wagtail's editor only produces safe markup, but importers, the API and data
migrations write rich text directly. Cleaning when rendering covers every path.
"""

import nh3
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html

ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "sub",
    "sup",
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "class", "loading", "decoding"},
    "figure": {"class"},
}


def clean_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
    )


def render_rich_text(value):
    source = value.source if isinstance(value, RichText) else str(value or "")
    return mark_safe(clean_html(expand_db_html(source)))  # cleaned by nh3 just before
