from django.db.models.signals import post_delete, post_save

from warta.live import events
from warta.live.models import LiveCoverage, LiveUpdate


def update_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        events.record_update_saved(instance)


def update_deleted(sender, instance, origin=None, **kwargs):
    # Only when the update itself was deleted: when its coverage or page goes,
    # so does the event log, and there is no page left to tell.
    if isinstance(origin, LiveUpdate) or getattr(origin, "model", None) is LiveUpdate:
        events.record_update_deleted(instance)


def coverage_saved(sender, instance, created, raw=False, **kwargs):
    # A new coverage has nothing to tell readers yet; a changed one may have
    # paused or ended, which open pages show.
    if not raw and not created:
        events.record_status(instance)


def register_signal_handlers():
    post_save.connect(update_saved, sender=LiveUpdate)
    post_delete.connect(update_deleted, sender=LiveUpdate)
    post_save.connect(coverage_saved, sender=LiveCoverage)
