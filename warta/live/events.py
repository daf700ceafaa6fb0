"""The event log: which change readers must see, appended in order.

Each event's id is the Server-Sent Events id, so a reader who reconnects gets
exactly what it missed from the database. These functions only decide and
append; `warta.live.services` calls them inside its transactions and tells
readers once they commit.
"""

from warta.live.models import LiveEvent
from warta.live.rendering import status_data, update_data


def last_event_for(update_id):
    return (
        LiveEvent.objects.filter(update_id=update_id)
        .exclude(kind=LiveEvent.Kind.STATUS)
        .order_by("-pk")
        .only("kind")
        .first()
    )


def is_visible(update_id):
    """Whether readers' pages show the update now (per the log, not the row)."""
    previous = last_event_for(update_id)
    return previous is not None and previous.kind != LiveEvent.Kind.DELETED


def record_update_saved(update):
    """Log what readers must see after `update` was saved, if anything."""
    visible = is_visible(update.pk)
    if update.approved:
        kind = LiveEvent.Kind.EDITED if visible else LiveEvent.Kind.CREATED
        return record(update.coverage_id, kind, update.pk, update_data(update))
    if visible:
        # Sent back for approval: readers stop seeing it until it is approved.
        return record(update.coverage_id, LiveEvent.Kind.DELETED, update.pk, {})
    return None


def record_update_deleted(update):
    """Log the removal of `update` (its pk, before the delete) if readers saw it."""
    if is_visible(update.pk):
        return record(update.coverage_id, LiveEvent.Kind.DELETED, update.pk, {})
    return None


def record_status(coverage):
    return record(coverage.pk, LiveEvent.Kind.STATUS, None, status_data(coverage))


def record(coverage_id, kind, update_id, data):
    return LiveEvent.objects.create(
        coverage_id=coverage_id, kind=kind, update_id=update_id, data=data
    )
