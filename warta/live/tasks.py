from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from warta.live.models import LiveCoverage


@task()
def purge_coverage(coverage_id):
    """Refresh what caches in front hold for a coverage: its page and its JSON endpoint.

    Idempotent: purging twice costs a request, never a wrong page.
    """
    coverage = LiveCoverage.objects.select_related("page").filter(pk=coverage_id).first()
    if coverage is None:
        return
    page = coverage.page.specific
    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_url(coverage_json_url(coverage, page))
    batch.purge()


def coverage_json_url(coverage, page):
    from django.urls import reverse

    site = page.get_site()
    return f"{site.root_url}{reverse('live:updates_json', args=[coverage.pk])}"
