"""What publishing an article sets off in this app (see docs/architecture.md)."""

from django.db import transaction
from wagtail.signals import page_published

from warta.articles.models import ArticlePage
from warta.articles.tasks import make_first_image_renditions


def fill_published_at(sender, instance, **kwargs):
    """Give an article its reader-facing publication time on first publish.

    Editors may set `published_at` themselves (imports keep their original
    dates); when they don't, the first publication time is the one readers see.
    A later revision that still has it empty gets the same value again, since
    first_published_at never changes.
    """
    if instance.published_at is None and instance.first_published_at is not None:
        instance.published_at = instance.first_published_at
        ArticlePage.objects.filter(pk=instance.pk).update(published_at=instance.published_at)


def queue_first_image_renditions(sender, instance, **kwargs):
    """Renditions of the first photo are made by the worker, so no reader waits for them."""
    transaction.on_commit(lambda: make_first_image_renditions.enqueue(instance.pk))


def register_signal_handlers():
    page_published.connect(queue_first_image_renditions, sender=ArticlePage)
    page_published.connect(fill_published_at, sender=ArticlePage)
