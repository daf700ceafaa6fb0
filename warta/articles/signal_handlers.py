from wagtail.signals import page_published

from warta.articles.models import ArticlePage


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


def register_signal_handlers():
    page_published.connect(fill_published_at, sender=ArticlePage)
