"""Every change to a live coverage, in one place: start, post, edit, approve, withdraw, status.

Each function saves the row and the event readers must see (the update
rendered once, `rendering.py`; the log, `events.py`) in one transaction, so
readers never see half an update. Telling them waits for the commit: the
broadcast to open streams and the purge of the page and its JSON from the
caches in front are queued with `transaction.on_commit`, so a stream never
shows what a replay could not find, and a rollback tells no one.

The admin, the demo and the test factories write through here; so must any
new writer (an importer): a LiveUpdate saved another way (the shell, a data
migration) changes the row, but no open page hears of it.

Signals are left for what must follow every writer, whichever it is: the map
registry's post_save and post_delete (`warta.maps.registry`) keep an update's
map point in step with whether it is public, and a topic or article being
published or withdrawn takes its updates' points along.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from warta.core.purge import purge_on_commit
from warta.live import events
from warta.live.backends import get_broadcaster
from warta.live.models import LiveCoverage


def start(page, **fields):
    """Open a coverage on `page`. Readers have nothing to hear of until its first update."""
    with transaction.atomic():
        return LiveCoverage.objects.create(page=page, **fields)


def post(update):
    """Save a new update; readers see it now if it is approved, else once it is."""
    return save_update(update)


def edit(update):
    """Save changes to an update; readers who see it get the new version."""
    return save_update(update)


def approve(update):
    """Approve a waiting update, which readers then see. False if it already was."""
    if update.approved:
        return False
    update.approved = True
    save_update(update)
    return True


def withdraw(update):
    """Delete an update; readers who saw it see it go."""
    with transaction.atomic():
        # Logged before the delete: the row's id goes with it.
        event = events.record_update_deleted(update)
        update.delete()
        tell_readers(event)


def change_status(coverage, status, *, require_approval):
    """Make the coverage live, paused or ended; open pages show the change."""
    coverage.status = status
    coverage.ended_at = timezone.now() if status == LiveCoverage.Status.ENDED else None
    coverage.require_approval = require_approval
    with transaction.atomic():
        coverage.save()
        tell_readers(events.record_status(coverage))
    return coverage


def save_update(update):
    with transaction.atomic():
        update.save()
        tell_readers(events.record_update_saved(update))
    return update


def tell_readers(event):
    """After commit: broadcast `event` to open streams and purge the coverage's pages."""
    if event is None:
        return
    transaction.on_commit(lambda: get_broadcaster().publish(event.coverage_id, event.message()))
    purge_on_commit(add_coverage_urls, event.coverage_id)


def add_coverage_urls(batch, coverage_id):
    """Add what caches in front hold for a coverage to a PurgeBatch: its page and its JSON."""
    coverage = LiveCoverage.objects.select_related("page").filter(pk=coverage_id).first()
    if coverage is None:
        return
    page = coverage.page.specific
    batch.add_page(page)
    site = page.get_site()
    if site is not None:
        batch.add_url(f"{site.root_url}{reverse('live:updates_json', args=[coverage.pk])}")
