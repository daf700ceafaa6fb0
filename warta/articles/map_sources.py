"""Articles with a place are on the maps: their map source (see `warta.maps.registry`)."""

from warta.articles.models import ArticlePage
from warta.maps.registry import PageSource, registry


class ArticleSource(PageSource):
    kind = "article"
    model = ArticlePage

    def public_items(self):
        return super().public_items().filter(place_latitude__isnull=False)

    def describe(self, item):
        section_id, topic_ids = item.map_facets()
        return {
            "title": item.title,
            "url": item.relative_url(item.get_site()) or "",
            "published_at": item.published,
            "site": item.get_site(),
            "section_id": section_id,
            "topic_ids": topic_ids,
        }


def register_map_source():
    registry.register(ArticleSource())
