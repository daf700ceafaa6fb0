"""The map registry: which models put points on the maps, and how.

Each kind of placed item registers one `MapSource`, from its own app's
`AppConfig.ready()` (articles: `warta/articles/map_sources.py`, live updates:
`warta/live/map_sources.py`). The registry connects the signals that keep the
`MapPoint` table in step with what is public — Wagtail's publish/unpublish
signals for pages, post_save for other models, post_delete for both — so maps
read one table and never need to know the models behind it.

Wiring another `Placed` model is a subclass and one call in its app's `ready()`:

    class VideoSource(MapSource):
        kind = "video"

        def __init__(self):
            self.model = Video

        def public_items(self):
            return Video.objects.filter(state=Video.State.READY, ...)

        def describe(self, item):
            return {"title": ..., "url": ..., "published_at": ..., "site": ...,
                    "section_id": None, "topic_ids": []}

    registry.register(VideoSource())

The registry does not import the maps models (they import it, for the kinds
a map may filter by): `MapsConfig.ready()` hands it the `MapPoint` model and
the purge of a site's maps.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from warta.core.places import round_approximate
from warta.core.purge import purge_on_commit


class MapSource:
    """How one model's items become map points. Subclass and register()."""

    kind = ""
    model = None

    def public_items(self):
        """Every item that is public now (used to rebuild the table)."""
        raise NotImplementedError

    def is_public(self, item):
        return self.public_items().filter(pk=item.pk).exists()

    def describe(self, item):
        """A dict: title, url, published_at, site (a Site or None), section_id, topic_ids."""
        raise NotImplementedError


class PageSource(MapSource):
    """A source of Wagtail pages: points follow publish and unpublish."""

    def public_items(self):
        return self.model.objects.live().public()

    def is_public(self, item):
        return item.live and not item.get_view_restrictions().exists()


class MapRegistry:
    def __init__(self):
        self.sources = {}
        # Set by MapsConfig.ready(): the MapPoint model, and what fills a purge
        # of a site's maps (maps.purge.add_site_maps).
        self.point_model = None
        self.add_site_maps = None

    def kinds(self):
        """The kinds of item that are on the maps, for the `kind` filter."""
        return tuple(source.kind for source in self.sources.values())

    def register(self, source):
        if source.model in self.sources:
            return
        self.sources[source.model] = source
        uid = f"maps-{source.model._meta.label_lower}"
        if issubclass(source.model, Page):
            page_published.connect(self.on_change, sender=source.model, dispatch_uid=uid)
            page_unpublished.connect(self.on_change, sender=source.model, dispatch_uid=uid)
            post_page_move.connect(self.on_move, dispatch_uid="maps-page-move")
        else:
            post_save.connect(self.on_change, sender=source.model, dispatch_uid=uid)
        post_delete.connect(self.on_delete, sender=source.model, dispatch_uid=uid)

    def on_change(self, sender, instance, **kwargs):
        self.sync(instance)

    def on_delete(self, sender, instance, **kwargs):
        self.remove(instance)

    def on_move(self, sender, instance, **kwargs):
        """A moved page changes its URL and those of the placed pages below it."""
        for model, source in self.sources.items():
            if issubclass(model, Page):
                for item in source.public_items().descendant_of(instance, inclusive=True):
                    self.sync(item)

    def sync(self, item):
        """Write, update or remove the item's point to match what is public now."""
        source = self.sources[type(item)]
        content_type = ContentType.objects.get_for_model(type(item))
        if not (item.has_place and source.is_public(item)):
            self.remove(item)
            return None
        description = source.describe(item)
        latitude, longitude = item.place_latitude, item.place_longitude
        if item.place_approximate:  # Placed.save() already did; a point is public, be sure
            latitude, longitude = round_approximate(latitude), round_approximate(longitude)
        site = description.get("site")
        point, _ = self.point_model.objects.update_or_create(
            content_type=content_type,
            object_id=item.pk,
            defaults={
                "kind": source.kind,
                "site": site,
                "section_id": description.get("section_id"),
                "topic_ids": "".join(f"|{pk}" for pk in description.get("topic_ids", ()))
                + ("|" if description.get("topic_ids") else ""),
                "title": description["title"][:255],
                "url": description["url"][:500],
                "published_at": description["published_at"],
                "latitude": latitude,
                "longitude": longitude,
                "approximate": item.place_approximate,
                "place_name": item.place_name,
                "regency": item.place_regency,
                "province": item.place_province,
            },
        )
        self.changed(site)
        return point

    def remove(self, item):
        content_type = ContentType.objects.get_for_model(type(item))
        points = self.point_model.objects.filter(content_type=content_type, object_id=item.pk)
        sites = {point.site for point in points.select_related("site")}
        if points.delete()[0]:
            for site in sites:
                self.changed(site)

    def changed(self, site):
        """Purge the site's maps after commit, once however many points changed."""
        if site is not None:
            purge_on_commit(self.add_site_maps, site.pk)

    def rebuild(self, log=None):
        """Recompute every point from the sources (after a data change or an import)."""
        count = 0
        for source in self.sources.values():
            content_type = ContentType.objects.get_for_model(source.model)
            keep = []
            for item in source.public_items().iterator():
                if self.sync(item) is not None:
                    keep.append(item.pk)
                    count += 1
            self.point_model.objects.filter(content_type=content_type).exclude(
                object_id__in=keep
            ).delete()
            if log:
                log(f"{source.kind}: {len(keep)} points")
        return count


registry = MapRegistry()
