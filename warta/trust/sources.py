"""An article's sources: the panel on its form, the rule that a story has one, the reader line.

A Berita or Analisis goes out (published or sent for review) only with at least
one source or a source of kind "Original reporting". The rule is registered
with `articles.forms.register_publish_rule`, so it runs where the photo-credit
rule runs: on publish and submit, never on a draft save.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import InlinePanel

from warta.articles.models import StoryType
from warta.trust.models import SourceKind

# The story types that must name where their facts come from.
SOURCED_TYPES = (StoryType.NEWS, StoryType.ANALYSIS)

SOURCES_PANEL = InlinePanel(
    "sources",
    heading=gettext_lazy("Sources"),
    label=gettext_lazy("Source"),
    help_text=gettext_lazy(
        "News and analysis need at least one source, or a source of kind "
        "“Original reporting” when the newsroom reported it itself."
    ),
)


def kept_source_forms(form):
    """The source forms of a posted article form that will be saved (not deleted, not blank)."""
    formset = getattr(form, "formsets", {}).get("sources")
    if formset is None or not formset.is_valid():
        # An invalid source form shows its own error; the count waits for it.
        return None
    kept = []
    for child in formset.forms:
        data = getattr(child, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        kept.append(data)
    return kept


def sources_rule(form, cleaned_data):
    """A publish rule: the messages that stop a Berita/Analisis without sources going out."""
    story_type = cleaned_data.get("story_type")
    if story_type not in SOURCED_TYPES:
        return []
    kept = kept_source_forms(form)
    if kept is None or kept:
        return []
    return [
        _(
            "This %(type)s has no sources yet, so it cannot be published or sent for review: "
            "add at least one under “Sources”, or one of kind “%(original)s” if the newsroom "
            "reported it itself."
        )
        % {"type": StoryType(story_type).label, "original": SourceKind.ORIGINAL.label}
    ]


def reader_sources(page):
    """What readers see of each source: {"kind", "name", "url"} (the last two may be empty).

    An anonymous source shows only "Anonymous source": no name, kind or link.
    Iterates `page.sources.all()` (one query, or none in a preview, where the
    sources are in memory).
    """
    shown = []
    for source in page.sources.all():
        if source.anonymous:
            shown.append({"kind": "", "name": _("Anonymous source")})
            continue
        name = source.name.strip()
        if source.kind == SourceKind.ORIGINAL:
            shown.append({"kind": source.get_kind_display(), "name": name, "original": True})
            continue
        shown.append({"kind": source.get_kind_display(), "name": name, "url": source.url})
    return shown
