"""When a page last changed for its readers: one answer for JSON-LD, sitemaps and feeds.

A page's own ``last_published_at`` is the base. Apps above ``articles`` that add
visible change without a new publication (a correction note, a live update) register
a source in their ``AppConfig.ready()``::

    register_modified_source(latest_note_times)

A source takes a list of pages and returns ``{page_pk: datetime}`` for those it knows
about, in one or a few queries (never one per page). ``modified_times`` takes the
latest of all answers for each page.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

ModifiedSource = Callable[[list], dict[int, datetime]]

_sources: list[ModifiedSource] = []


def register_modified_source(source: ModifiedSource) -> None:
    if source not in _sources:
        _sources.append(source)


def modified_times(pages: Iterable) -> dict[int, datetime]:
    """{pk: the latest visible change} for every page given (None when never published)."""
    pages = list(pages)
    times = {page.pk: page.last_published_at for page in pages}
    if not pages:
        return times
    for source in _sources:
        for pk, moment in source(pages).items():
            if moment is not None and pk in times and (times[pk] is None or moment > times[pk]):
                times[pk] = moment
    return times


def modified_time(page) -> datetime | None:
    return modified_times([page])[page.pk]
