"""The reader-facing endpoints: the event stream and the JSON fallback.

Both serve every reader of a coverage the same bytes: nothing depends on who
asks, so the JSON endpoint is cacheable and the stream costs one rendering per
update whatever the number of readers.
"""

import asyncio

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from warta.core.http import conditional, json_body, json_error
from warta.live.backends import get_broadcaster
from warta.live.backends.base import sse_frame
from warta.live.models import LiveCoverage, LiveEvent

# Ids beyond this are not ids we could have issued (bigint range).
MAX_EVENT_ID = 2**63 - 1


def parse_cursor(raw):
    """An event id from Last-Event-ID or ?after=; None when absent; ValueError when bad."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_EVENT_ID:
        raise ValueError(raw)
    return int(raw)


def find_coverage(coverage_id):
    """The coverage readers may follow: its page is published and not restricted."""
    if coverage_id > MAX_EVENT_ID:
        return None
    coverage = (
        LiveCoverage.objects.select_related("page").filter(pk=coverage_id, page__live=True).first()
    )
    if coverage is None or coverage.page.get_view_restrictions().exists():
        return None
    return coverage


def coverage_state(coverage_id):
    coverage = find_coverage(coverage_id)
    if coverage is None:
        return None, 0
    return coverage, coverage.latest_event_id()


def missed_events(coverage_id, after, limit):
    events = LiveEvent.objects.filter(coverage_id=coverage_id, pk__gt=after).order_by("pk")
    return [event.message() for event in events[:limit]]


def release_connection():
    """Give the database connection back before a stream settles in for hours.

    Each open stream keeps the thread Django gave its request; without this,
    it would keep a database connection too, and a thousand readers would
    exhaust PostgreSQL's connections. (Inside a test's transaction it stays.)
    """
    connection = connections["default"]
    if not connection.in_atomic_block:
        connection.close()


def reset_frame(latest):
    return f"id: {latest}\nevent: reset\ndata: {{}}\n\n".encode()


async def event_stream(coverage_id, after, latest, subscription):
    broadcaster = get_broadcaster()
    live = settings.WARTA_LIVE
    try:
        yield f"retry: {live['RETRY_MS']}\n\n".encode()
        if after is None:
            after = latest
        elif after > latest:
            # Not an id this coverage has reached: a forged or stale cursor.
            # The page reloads its list instead of trusting it.
            yield reset_frame(latest)
            after = latest
        else:
            missed = await sync_to_async(missed_events)(coverage_id, after, live["MAX_REPLAY"] + 1)
            if len(missed) > live["MAX_REPLAY"]:
                # Too far behind to replay: the page reloads its list.
                yield reset_frame(latest)
                after = latest
            else:
                for message in missed:
                    yield sse_frame(message)
                    after = message["id"]
        await sync_to_async(release_connection)()
        while True:
            try:
                item = await asyncio.wait_for(subscription.get(), live["KEEPALIVE_SECONDS"])
            except TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if item is None:
                return  # dropped as too slow; the browser reconnects and replays
            event_id, frame = item
            if event_id > after:
                after = event_id
                yield frame
    finally:
        broadcaster.unsubscribe(subscription)


@require_GET
async def stream(request, coverage_id):
    """Server-Sent Events for one coverage, from the reader's cursor on."""
    try:
        after = parse_cursor(request.headers.get("Last-Event-ID") or request.GET.get("after"))
    except ValueError:
        return json_error(400, _("Last-Event-ID must be the number of an event this stream sent."))
    coverage, latest = await sync_to_async(coverage_state)(coverage_id)
    if coverage is None:
        return json_error(404, _("There is no live coverage with this number."))
    # Subscribe before reading the log: an event committed in between is then
    # both replayed and queued, and the id check sends it once.
    subscription = await get_broadcaster().subscribe(coverage.pk)
    if not subscription.connected:
        # Events would not reach this stream (Redis is down): refuse it, so the
        # browser's EventSource closes and the page polls the JSON endpoint.
        get_broadcaster().unsubscribe(subscription)
        response = json_error(503, _("Live updates are paused; this page checks for new ones."))
        response["Retry-After"] = "30"
        return response
    if after is not None and after <= latest:
        latest = await sync_to_async(coverage.latest_event_id)()
    response = StreamingHttpResponse(
        event_stream(coverage.pk, after, latest, subscription), content_type="text/event-stream"
    )
    response["Cache-Control"] = "no-cache, no-store"
    # Proxies such as nginx would otherwise hold events back to fill a buffer.
    response["X-Accel-Buffering"] = "no"
    return response


def json_window(coverage, limit):
    events = list(coverage.events.order_by("-pk")[: limit + 1])
    since = events[limit].pk if len(events) > limit else 0
    return since, [event.message() for event in reversed(events[:limit])]


@require_GET
def updates_json(request, coverage_id):
    """The newest events, one shared URL for every polling reader.

    `cursor` is the newest event id; a page whose own cursor is older than
    `since` missed more than this window holds and reloads instead.
    """
    coverage = find_coverage(coverage_id)
    if coverage is None:
        return json_error(404, _("There is no live coverage with this number."))
    latest = coverage.latest_event_id()

    def body():
        since, events = json_window(coverage, settings.WARTA_LIVE["JSON_WINDOW"])
        return json_body(
            {"status": coverage.status, "cursor": latest, "since": since, "events": events}
        )

    etag = f'"live-{coverage.pk}-{latest}-{coverage.status}"'
    return conditional(request, etag, "application/json", settings.WARTA_LIVE["JSON_MAX_AGE"], body)
