"""When the public site last changed: the `Last-Modified` of every public page.

A page's HTML shows more than its own revision (navigation, story lists, related
reads, live markers), so its time is the newest change anywhere that readers can
see: the newest Wagtail page action (publish, unpublish, move, delete, a
correction note's log entry) and the newest event of each registered clock (live
updates register theirs in `LiveConfig.ready()`), whichever is later — one query
whatever the number of clocks. The `ETag` stays the exact test (a hash of the
body, `ConditionalGetMiddleware`, which a client sending both is judged by); this
time lets a cache that only keeps dates revalidate too, never too optimistically
for the changes listed here.

A clock is a queryset of one timestamp field, newest first, e.g.
``LiveEvent.objects.order_by("-pk").values("created_at")``.
"""

from django.db.models import Subquery
from wagtail.models import Page, PageLogEntry

_clocks = []


def register_change_clock(queryset) -> None:
    _clocks.append(queryset)


def site_changed_at():
    """The newest visible change (aware datetime), or None when nothing has happened yet."""
    clocks = [PageLogEntry.objects.order_by("-pk").values("timestamp"), *_clocks]
    annotations = {f"clock_{n}": Subquery(clock[:1]) for n, clock in enumerate(clocks)}
    # The tree's root (always there) carries every clock as a scalar subquery.
    row = Page.objects.filter(depth=1).order_by("path").values(**annotations)[:1]
    times = [moment for found in row for moment in found.values() if moment is not None]
    return max(times) if times else None
