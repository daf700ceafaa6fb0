"""When a page with live coverage last changed for readers: its newest live event.

Registered with `articles.modified` by `LiveConfig.ready()`, so JSON-LD,
sitemaps and feeds move with every update, edit, pin or deletion (each is an event).
"""

from django.db.models import Max

from warta.live.models import LiveEvent


def latest_event_times(pages):
    """{page pk: its coverage's newest event time}, in one grouped query."""
    rows = (
        LiveEvent.objects.filter(coverage__page__in=[page.pk for page in pages])
        .values("coverage__page")
        .annotate(latest=Max("created_at"))
    )
    return {row["coverage__page"]: row["latest"] for row in rows}


def newest_event():
    """The site-wide change clock of live coverage (core.freshness): the newest event."""
    return LiveEvent.objects.order_by("-pk").values("created_at")
