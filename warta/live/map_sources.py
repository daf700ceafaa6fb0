"""Live updates with a place are on the maps (see `warta.maps.registry`).

An update's point is public while the update is approved and while the topic
or article it belongs to is live and unrestricted; so publishing or
withdrawing such a page takes its placed updates along.
"""

from django.apps import apps
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from warta.live.models import COVERAGE_PAGE_TYPES, LiveUpdate
from warta.maps.registry import MapSource, registry


class LiveUpdateSource(MapSource):
    kind = "live"
    model = LiveUpdate

    def public_items(self):
        return self.model.objects.filter(
            approved=True,
            place_latitude__isnull=False,
            coverage__page__in=Page.objects.live().public(),
        ).select_related("coverage__page")

    def describe(self, item):
        page = item.coverage.page.specific
        site = page.get_site()
        section_id, topic_ids = page.map_facets()
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
    updates = LiveUpdate.objects.filter(
        coverage__page_id=instance.pk, place_latitude__isnull=False
    ).select_related("coverage__page")
    for update in updates:
        registry.sync(update)


def register_map_source():
    registry.register(LiveUpdateSource())
    for label in COVERAGE_PAGE_TYPES:
        model = apps.get_model(label)
        uid = f"live-map-{model._meta.label_lower}"
        page_published.connect(sync_coverage_updates, sender=model, dispatch_uid=uid)
        page_unpublished.connect(sync_coverage_updates, sender=model, dispatch_uid=uid)
