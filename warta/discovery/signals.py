"""Keep the search index in step with publishing: publish, unpublish, delete, move."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from warta.articles.models import ArticlePage
from warta.discovery import search
from warta.discovery.models import SearchEntry


def _published(sender, instance, **kwargs):
    search.index_page(instance)


def _unpublished(sender, instance, **kwargs):
    search.remove_page(instance.pk)


def _deleted(sender, instance, **kwargs):
    search.remove_page(instance.pk)


def _moved(sender, instance, **kwargs):
    # A moved article, or a moved section with its articles: re-index what lies under it.
    instance.refresh_from_db(fields=["path"])
    for page in ArticlePage.objects.descendant_of(instance, inclusive=True).live():
        search.index_page(page)
    SearchEntry.objects.filter(page__path__startswith=instance.path).exclude(
        path__startswith=instance.path
    ).delete()


def connect():
    page_published.connect(_published, sender=ArticlePage, dispatch_uid="discovery-search-publish")
    page_unpublished.connect(
        _unpublished, sender=ArticlePage, dispatch_uid="discovery-search-unpublish"
    )
    post_delete.connect(_deleted, sender=ArticlePage, dispatch_uid="discovery-search-delete")
    post_page_move.connect(_moved, dispatch_uid="discovery-search-move")
