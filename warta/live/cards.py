"""The "Langsung" marker on story cards (see `warta.articles.cards`)."""

from warta.live.models import LiveCoverage


def live_now(page_ids):
    """{page id: "live"} for the pages among `page_ids` whose coverage is live now (one query)."""
    pages = LiveCoverage.objects.filter(
        page_id__in=page_ids, status=LiveCoverage.Status.LIVE
    ).values_list("page_id", flat=True)
    return dict.fromkeys(pages, "live")
