from django_tasks import task

from warta.importers.ingest import poll
from warta.importers.models import FeedSource


@task()
def poll_feed(source_pk):
    """Poll one feed source (queued by `manage.py poll_feeds` when it is due)."""
    source = FeedSource.objects.filter(pk=source_pk, active=True).first()
    if source is None:
        return 0
    return poll(source).drafted


@task()
def run_wordpress_import(run_pk):
    """An import started from the admin; its progress and report are kept on the run."""
    from warta.importers.runs import run_import

    return run_import(run_pk)
