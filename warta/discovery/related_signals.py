"""What publishing an article sets off for related reads (see docs/architecture.md)."""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from warta.articles.models import ArticlePage
from warta.articles.page_context import register_article_context
from warta.discovery.related import related_reads_context
from warta.discovery.related_tasks import refill_related_reads, refresh_related_reads


def queue_related_reads(sender, instance, **kwargs):
    """On commit, so the worker sees the published revision and its publication time."""
    transaction.on_commit(lambda: refresh_related_reads.enqueue(instance.pk))


def queue_refill(sender, instance, **kwargs):
    transaction.on_commit(lambda: refill_related_reads.enqueue(instance.pk))


def register_related_reads():
    # The admin page and its menu items register Wagtail hooks when imported.
    import warta.discovery.related_admin  # noqa: F401

    page_published.connect(queue_related_reads, sender=ArticlePage)
    page_unpublished.connect(queue_refill, sender=ArticlePage)
    register_article_context(related_reads_context)
