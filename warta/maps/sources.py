"""The map sources of the newsroom's placed items. See `warta.maps.registry`."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from warta.maps.registry import MapSource, PageSource, registry


class ArticleSource(PageSource):
    kind = "article"

    @property
    def model(self):
        from warta.articles.models import ArticlePage

        return ArticlePage

    def public_items(self):
        return super().public_items().filter(place_latitude__isnull=False)

    def describe(self, item):
        return {
            "title": item.title,
            "url": item.relative_url(item.get_site()) or "",
            "published_at": item.published,
            "site": item.get_site(),
            "section_id": item.get_parent().pk,
            "topic_ids": list(item.topics.values_list("pk", flat=True)),
        }


class LiveUpdateSource(MapSource):
    """Live updates: public while approved and while their topic or article is."""

    kind = "live"

    @property
    def model(self):
        from warta.live.models import LiveUpdate

        return LiveUpdate

    def public_items(self):
        return self.model.objects.filter(
            approved=True,
            place_latitude__isnull=False,
            coverage__page__in=Page.objects.live().public(),
        ).select_related("coverage__page")

    def describe(self, item):
        page = item.coverage.page.specific
        site = page.get_site()
        section_id = topic_ids = None
        if page._meta.label == "articles.ArticlePage":
            section_id = page.get_parent().pk
            topic_ids = list(page.topics.values_list("pk", flat=True))
        else:
            topic_ids = [page.pk]
        return {
            "title": item.headline or Truncator(self.text(item)).words(12) or page.title,
            "url": f"{page.relative_url(site) or ''}#update-{item.pk}",
            "published_at": item.time,
            "site": site,
            "section_id": section_id,
            "topic_ids": topic_ids,
        }

    @staticmethod
    def text(item):
        return " ".join(
            strip_tags(child.value.source) for child in item.body if child.block_type == "text"
        ).strip()


def sync_coverage_updates(sender, instance, **kwargs):
    """A topic or article published or withdrawn takes its placed live updates along."""
    from warta.live.models import LiveUpdate

    updates = LiveUpdate.objects.filter(
        coverage__page_id=instance.pk, place_latitude__isnull=False
    ).select_related("coverage__page")
    for update in updates:
        registry.sync(update)


def register_sources():
    registry.register(ArticleSource())
    registry.register(LiveUpdateSource())
    page_published.connect(sync_coverage_updates, dispatch_uid="maps-live-coverage-published")
    page_unpublished.connect(sync_coverage_updates, dispatch_uid="maps-live-coverage-unpublished")
