"""The map sources of the newsroom's placed items. See `warta.maps.registry`."""

from warta.maps.registry import PageSource, registry


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


def register_sources():
    registry.register(ArticleSource())
