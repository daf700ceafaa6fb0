"""What a map shows: the query-string filters of map pages and the GeoJSON API.

Parsing is a plain function (tested without a database) that either returns a
bounded `MapQuery` or raises `BadMapQuery` with a message for the reader, so a
bad parameter is a 400, never a 500 and never an unbounded query.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

DEFAULT_DAYS = 7
MAX_DAYS = 90
DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000
MAX_PAGE = 1000
# Dates a map can ask about: far enough back for any archive, far enough ahead
# that a window of MAX_DAYS around them stays inside Python's calendar.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
ALLOWED = {"site", "section", "topic", "days", "since", "until", "bbox", "limit", "page", "kind"}
# Query-string parameters the pages use for themselves, ignored by the filter.
PAGE_PARAMETERS = {"tampilan"}


class BadMapQuery(ValueError):
    pass


@dataclass(frozen=True)
class MapQuery:
    since: datetime
    until: datetime | None = None  # None: up to now, open-ended
    site_id: int | None = None
    section_id: int | None = None
    topic_id: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    kinds: tuple[str, ...] = ()  # empty: every kind
    limit: int = DEFAULT_LIMIT
    page: int = 1

    @property
    def days(self):
        end = self.until or timezone.now()
        return max(1, round((end - self.since) / timedelta(days=1)))


def _integer(params, name, default, minimum, maximum):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise BadMapQuery(_("“%(name)s” must be a whole number.") % {"name": name}) from None
    if not minimum <= value <= maximum:
        raise BadMapQuery(
            _("“%(name)s” must be between %(minimum)s and %(maximum)s.")
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return value


def _datetime(params, name):
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        raise BadMapQuery(
            _("“%(name)s” must be a date and time such as 2026-11-26T08:00:00+08:00.")
            % {"name": name}
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    try:
        in_range = EARLIEST <= value <= LATEST
    except OverflowError:  # an offset pushes it past year 1 or 9999
        in_range = False
    if not in_range:
        raise BadMapQuery(
            _("“%(name)s” must be between the years %(earliest)s and %(latest)s.")
            % {"name": name, "earliest": EARLIEST.year, "latest": LATEST.year}
        )
    return value


def parse_bbox(raw):
    """ "west,south,east,north" in degrees, inside the one world, west < east."""
    parts = raw.split(",")
    if len(parts) != 4:
        raise BadMapQuery(_("“bbox” must be four numbers: west,south,east,north."))
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise BadMapQuery(_("“bbox” must be four numbers: west,south,east,north.")) from None
    if not all(math.isfinite(value) for value in (west, south, east, north)):
        raise BadMapQuery(_("“bbox” must be four numbers: west,south,east,north."))
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadMapQuery(_("Longitudes in “bbox” must be between -180 and 180."))
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise BadMapQuery(_("Latitudes in “bbox” must be between -90 and 90."))
    if west >= east or south >= north:
        raise BadMapQuery(_("In “bbox” west must be less than east and south less than north."))
    return west, south, east, north


def parse_map_query(params, site=None, now=None, known_kinds=()):
    """A bounded MapQuery from query-string `params`; `site` is the default site."""
    unknown = set(params) - ALLOWED - PAGE_PARAMETERS
    if unknown:
        raise BadMapQuery(
            _("Unknown parameter: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    # Whole minutes, so that the same URL gives the same body (and ETag) for a
    # minute unless a point is published: an open window has no upper bound.
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    until = _datetime(params, "until")
    since = _datetime(params, "since")
    if since is not None and params.get("days"):
        raise BadMapQuery(_("Give either “days” or “since”, not both."))
    if since is None:
        since = (until or now) - timedelta(days=_integer(params, "days", DEFAULT_DAYS, 1, MAX_DAYS))
    if until is not None and since >= until:
        raise BadMapQuery(_("“since” must be before “until”."))
    if (until or now) - since > timedelta(days=MAX_DAYS):
        raise BadMapQuery(_("The time window can be at most %(days)s days.") % {"days": MAX_DAYS})
    kinds = ()
    if params.get("kind"):
        kinds = tuple(params["kind"].split(","))
        if not set(kinds) <= set(known_kinds):
            raise BadMapQuery(
                _("“kind” must be one or more of: %(kinds)s.") % {"kinds": ", ".join(known_kinds)}
            )
    site_id = _integer(params, "site", site.pk if site else None, 1, 2**62)
    return MapQuery(
        since=since,
        until=until,
        site_id=site_id,
        section_id=_integer(params, "section", None, 1, 2**62),
        topic_id=_integer(params, "topic", None, 1, 2**62),
        bbox=parse_bbox(params["bbox"]) if params.get("bbox") else None,
        kinds=kinds,
        limit=_integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        page=_integer(params, "page", 1, 1, MAX_PAGE),
    )
