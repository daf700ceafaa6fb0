"""The background side of related reads (see `related.py`)."""

from django_tasks import task

from warta.discovery.related import refill_after_unpublish, refresh_on_publish


@task()
def refresh_related_reads(article_pk):
    """Recompute a published article's related reads and offer it to its closest stories."""
    return refresh_on_publish(article_pk)


@task()
def refill_related_reads(article_pk):
    """Refill the lists an unpublished article was on."""
    return refill_after_unpublish(article_pk)
