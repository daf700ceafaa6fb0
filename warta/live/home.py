"""The front page's "Langsung" strip (see `warta.articles.home`): coverages live now."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max, Q

from warta.articles.home import LiveNow
from warta.articles.models import ArticlePage
from warta.live.models import LiveCoverage

STRIP_SIZE = 5


def live_now_on(home, request):
    """The coverages live now on the pages below `home`, most recently updated first (one query)."""
    coverages = (
        LiveCoverage.objects.filter(
            status=LiveCoverage.Status.LIVE,
            page__live=True,
            page__path__startswith=home.path,
            page__depth__gt=home.depth,
        )
        .annotate(last_update=Max("updates__time", filter=Q(updates__approved=True)))
        .select_related("page")
        .order_by(F("last_update").desc(nulls_last=True), "-started_at")[:STRIP_SIZE]
    )
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    return [
        LiveNow(
            page_id=coverage.page_id,
            title=coverage.page.title,
            url=coverage.page.get_url(request),
            updated_at=coverage.last_update or coverage.started_at,
            is_article=coverage.page.content_type_id == article_type,
        )
        for coverage in coverages
    ]
