"""Queue the old-story-edit mail when an old article is published again."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from warta.articles.models import ArticlePage
from warta.trust.old_edits import is_old_edit
from warta.trust.old_edits_tasks import mail_old_edit


def on_article_published(sender, instance, revision=None, **kwargs):
    if not getattr(settings, "WARTA_OLD_EDIT_EMAIL", True) or revision is None:
        return
    if not isinstance(instance, ArticlePage) or not is_old_edit(instance, timezone.now()):
        return
    page_pk, revision_pk = instance.pk, revision.pk
    transaction.on_commit(lambda: mail_old_edit.enqueue(page_pk, revision_pk))
