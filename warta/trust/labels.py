"""What an article page gets from trust: notes and labels at the top, sources and links at the end.

Registered with `articles.page_context.register_article_context`. The cost is
fixed, whatever the article holds: one query for the notes (shared with the
JSON-LD's modified time, see `corrections.latest_note_times`), one for the
sources and one for the site's standing pages. The authors' bios come from the
bylines the article page already loaded (`authors` in its context).
"""

from django.urls import reverse

from warta.articles.models import StandingRole, standing_pages
from warta.trust.corrections import article_notes, note_time
from warta.trust.sources import reader_sources

# The standing pages every article links to, in this order.
LINKED_ROLES = (StandingRole.STANDARDS, StandingRole.CORRECTIONS, StandingRole.OWNERSHIP)

# A change this soon after publication is not worth an "Updated" label.
UPDATE_MARGIN = 60


def trust_context(page, request):
    notes = article_notes(page)
    published = page.published
    # The header already says "Updated" for a republication; say it here only
    # when a note is newer than the last publication.
    modified = max(map(note_time, notes)) if notes else None
    last = page.last_published_at
    if modified and any(
        not base or (modified - base).total_seconds() <= UPDATE_MARGIN for base in (published, last)
    ):
        modified = None
    found = standing_pages(page) if page.pk else {}
    return {
        "trust_top": {
            "notes": notes,
            "count": sum(1 for note in notes if not note.withdrawn),
            "modified": modified,
            "log_url": reverse("trust-corrections"),
        },
        "trust_end": {
            "sources": reader_sources(page),
            "links": [(role.label, found[role]) for role in LINKED_ROLES if role in found],
        },
    }
