"""The one write path of the trash: move in, restore, delete for good, purge.

Deleting a page or a video in the admin moves it here (wagtail_hooks.py);
it stays restorable for ``WARTA_TRASH_DAYS`` (30 by default), then
``manage.py purge_trash`` deletes it for good. Every step is in Wagtail's
audit log: ``warta.trash.move``, ``warta.trash.restore``, and Wagtail's own
``wagtail.delete`` for a deletion for good.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from warta.people import roles
from warta.trash.models import TrashedPage
from warta.video.models import Video

MOVE, RESTORE = "warta.trash.move", "warta.trash.restore"


def trash_days():
    return settings.WARTA_TRASH_DAYS


def may_delete_for_good(user):
    """Only admins empty the trash; anyone who may delete something may restore it."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=roles.ADMIN).exists())
    )


def trashed_page_ids():
    """Pages in the trash and every page below them (two queries, one when it is empty)."""
    paths = list(TrashedPage.objects.values_list("page__path", flat=True))
    if not paths:
        return set()
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return set(Page.objects.filter(below).values_list("pk", flat=True))


def is_trashed(page):
    return TrashedPage.objects.filter(
        page__path__in=[page.path[: i * Page.steplen] for i in range(1, page.depth + 1)]
    ).exists()


@transaction.atomic
def trash_page(page, user=None):
    """Unpublish `page` and its descendants where they stand and remember what was live."""
    page = page.specific
    subtree = Page.objects.filter(path__startswith=page.path)
    live = {
        str(pk): revision
        for pk, revision in subtree.filter(live=True).values_list("pk", "live_revision_id")
        if revision
    }
    if page.live or live:
        UnpublishPageAction(page, user=user, log_action=False, include_descendants=True).execute(
            skip_permission_checks=True
        )
    # A scheduled publication would bring it back out of the trash: cancelled
    # (a restore does not schedule it again).
    Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in subtree.values_list("pk", flat=True)],
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)
    entry = TrashedPage.objects.create(
        page=page, trashed_at=timezone.now(), trashed_by=user, live_revisions=live
    )
    log(instance=page, action=MOVE, user=user)
    return entry


@transaction.atomic
def restore_page(entry, user=None):
    """Take the page out of the trash and publish again what was live when it went in."""
    page = entry.page.specific
    for revision_id in entry.live_revisions.values():
        revision = Revision.page_revisions.filter(pk=revision_id).first()
        if revision is not None:
            revision.publish(user=user, log_action=False)
    entry.delete()
    log(instance=page, action=RESTORE, user=user)
    return page


def delete_page_for_good(entry, user=None):
    """Delete the page, its descendants and revisions; Wagtail logs ``wagtail.delete``."""
    DeletePageAction(entry.page.specific, user=user).execute(skip_permission_checks=True)


@transaction.atomic
def trash_video(video, user=None):
    video.trashed_at, video.trashed_by = timezone.now(), user
    video.save(update_fields=["trashed_at", "trashed_by"])
    log(instance=video, action=MOVE, user=user)


@transaction.atomic
def restore_video(video, user=None):
    video.trashed_at, video.trashed_by = None, None
    video.save(update_fields=["trashed_at", "trashed_by"])
    log(instance=video, action=RESTORE, user=user)


@transaction.atomic
def delete_video_for_good(video, user=None):
    """The row, then its files on commit (video/signal_handlers.py)."""
    log(instance=video, action="wagtail.delete", user=user, deleted=True)
    video.delete()


def purge(now=None):
    """Delete for good what has been in the trash longer than WARTA_TRASH_DAYS."""
    cutoff = (now or timezone.now()) - timedelta(days=trash_days())
    pages = videos = 0
    for entry in TrashedPage.objects.filter(trashed_at__lt=cutoff).select_related("page"):
        # A page below another trashed page may already be gone with it.
        if TrashedPage.objects.filter(pk=entry.pk).exists():
            delete_page_for_good(entry)
            pages += 1
    for video in Video.objects.filter(trashed_at__lt=cutoff):
        delete_video_for_good(video)
        videos += 1
    return pages, videos
