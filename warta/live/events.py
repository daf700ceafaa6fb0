"""Turning changes into events readers' pages apply.

Each event carries the update already rendered to HTML, once, at the time of
the change: streams, replays and the JSON endpoint send it as it is, so the
server's work per update does not grow with the number of readers.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from warta.core.dates import local_datetime
from warta.core.models import SiteSettings
from warta.live.models import LiveEvent


def site_settings_for(page):
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def render_update(update, site_settings=None):
    """An update as it appears in the reader's list (live/includes/update.html)."""
    if site_settings is None:
        site_settings = site_settings_for(update.coverage.page)
    zone = site_settings.time_zone if site_settings else "Asia/Makassar"
    language = site_settings.language if site_settings else "id"
    with translation.override(language):
        return render_to_string(
            "live/includes/update.html",
            {"update": update, "local_time": local_datetime(update.time, zone)},
        )


def update_data(update):
    return {
        "html": render_update(update),
        "headline": update.headline,
        "time": update.time.isoformat(),
        "pinned": update.pinned,
        "key_event": update.key_event,
    }


def last_event_for(update_id):
    return (
        LiveEvent.objects.filter(update_id=update_id)
        .exclude(kind=LiveEvent.Kind.STATUS)
        .order_by("-pk")
        .only("kind")
        .first()
    )


def record_update_saved(update):
    """Log what readers must see after `update` was saved, if anything."""
    previous = last_event_for(update.pk)
    visible = previous is not None and previous.kind != LiveEvent.Kind.DELETED
    if update.approved:
        kind = LiveEvent.Kind.EDITED if visible else LiveEvent.Kind.CREATED
        return record(update.coverage_id, kind, update.pk, update_data(update))
    if visible:
        # Sent back for approval: readers stop seeing it until it is approved.
        return record(update.coverage_id, LiveEvent.Kind.DELETED, update.pk, {})
    return None


def record_update_deleted(update):
    previous = last_event_for(update.pk)
    if previous is not None and previous.kind != LiveEvent.Kind.DELETED:
        return record(update.coverage_id, LiveEvent.Kind.DELETED, update.pk, {})
    return None


def record_status(coverage):
    site_settings = site_settings_for(coverage.page)
    with translation.override(site_settings.language if site_settings else "id"):
        data = {"status": coverage.status, "status_label": str(coverage.get_status_display())}
    return record(coverage.pk, LiveEvent.Kind.STATUS, None, data)


def record(coverage_id, kind, update_id, data):
    event = LiveEvent.objects.create(
        coverage_id=coverage_id, kind=kind, update_id=update_id, data=data
    )
    # Readers and caches learn of it only once it is in the database, so a
    # replay can never miss what a stream has already shown.
    transaction.on_commit(lambda: announce(event))
    return event


def announce(event):
    from warta.live.backends import get_broadcaster
    from warta.live.tasks import purge_coverage

    get_broadcaster().publish(event.coverage_id, event.message())
    purge_coverage.enqueue(event.coverage_id)
