"""The background side of the old-story-edit alarm (see `old_edits.py`)."""

from django.conf import settings
from django_tasks import task
from wagtail.models import PageLogEntry

from warta.trust.old_edits import PUBLISH_ACTION, is_old_edit, send_alarm


@task()
def mail_old_edit(page_pk, revision_pk):
    """Mail the editors when this publication of an old article is one to worry about."""
    entry = (
        PageLogEntry.objects.filter(action=PUBLISH_ACTION, page_id=page_pk, revision_id=revision_pk)
        .select_related("page", "user", "revision")
        .order_by("-pk")
        .first()
    )
    if entry is None or not is_old_edit(entry.page, entry.timestamp):
        return False
    return send_alarm(entry, getattr(settings, "WAGTAILADMIN_BASE_URL", ""))
