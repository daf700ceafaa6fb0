"""The maps' own tables and page: the gazetteer, the map index and the Peta page.

Places themselves are fields of each placed model (`warta.core.places.Placed`);
the maps app builds the gazetteer, the map picker and the public maps on top
of those fields.
"""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from warta.core.http import public
from warta.core.models import PublicPage
from warta.core.places import round_fields
from warta.maps.query import BadMapQuery, parse_map_query
from warta.maps.registry import registry


class GazetteerPlace(models.Model):
    """A named administrative area of Indonesia with a representative point.

    Loaded by `manage.py load_gazetteer` from the `territory-indonesia` npm
    package's data, copied into build/ at install (bin/build_assets.py):
    provinces, regencies/cities and districts, each with a point.
    The search name is the display name folded to lower case, so search as
    you type is one indexed prefix/contains query on any database.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency / city")
        DISTRICT = "district", _("District")

    code = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # 1 province, 2 regency/city, 3 district: search lists larger areas first.
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    regency = models.CharField(max_length=120, blank=True)
    province = models.CharField(max_length=120)
    latitude = models.FloatField()
    longitude = models.FloatField()
    search_name = models.CharField(max_length=120, db_index=True)

    class Meta:
        verbose_name = _("gazetteer place")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return ", ".join(part for part in (self.name, self.regency, self.province) if part)

    @property
    def regency_name(self):
        """The regency/city the place is in, or is (empty for a province)."""
        return self.name if self.kind == self.Kind.REGENCY else self.regency


class MapPoint(models.Model):
    """One public, placed thing as the maps show it: a denormalised row per item.

    Maps read only this table (one indexed query, no joins, whatever the kind
    of item), and it holds only what is public: rows are written by the map
    registry (`warta.maps.registry`) when an item is published and removed when
    it is unpublished or deleted. Approximate places arrive already rounded.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20)
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    section_id = models.PositiveBigIntegerField(null=True, blank=True)
    # "|3|17|": topic page ids, so one `contains` filter selects a topic's points
    # without a join table for what is a short list.
    topic_ids = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField()
    latitude = models.FloatField()
    longitude = models.FloatField()
    approximate = models.BooleanField(default=False)
    place_name = models.CharField(max_length=200, blank=True)
    regency = models.CharField(max_length=120, blank=True)
    province = models.CharField(max_length=120, blank=True)
    # With the row count and the highest id, a cheap validator for a map's
    # ETag: a 304 needs one aggregate query, not the whole GeoJSON.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_point_per_item")
        ]
        indexes = [
            models.Index(fields=["site", "-published_at"]),
            models.Index(fields=["section_id", "-published_at"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The registry writes rounded points already; a point written any other way is too.
        if self.approximate:
            round_fields(self, ("latitude", "longitude"))
        super().save(*args, **kwargs)


def points_for(query):
    """The MapPoint rows a `MapQuery` selects, newest first (not yet sliced)."""
    points = MapPoint.objects.filter(published_at__gte=query.since)
    if query.until is not None:
        points = points.filter(published_at__lte=query.until)
    if query.site_id is not None:
        points = points.filter(site_id=query.site_id)
    if query.section_id is not None:
        points = points.filter(section_id=query.section_id)
    if query.topic_id is not None:
        points = points.filter(topic_ids__contains=f"|{query.topic_id}|")
    if query.bbox is not None:
        west, south, east, north = query.bbox
        points = points.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    if query.kinds:
        points = points.filter(kind__in=query.kinds)
    return points.order_by("-published_at", "-pk")


class MapPage(PublicPage):
    """A site's "Peta": recent coverage on a map, and as a list grouped by area.

    The list is always in the HTML, so the page works without JavaScript and
    in the light view (`?tampilan=daftar`), which also skips the map library.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = PublicPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("map page")

    def map_query(self, params):
        return parse_map_query(params, site=self.get_site(), known_kinds=registry.kinds())

    def serve(self, request, *args, **kwargs):
        try:
            request.map_query = self.map_query(request.GET)
        except BadMapQuery as error:
            return public(
                TemplateResponse(
                    request, "maps/map_page.html", {"page": self, "error": str(error)}, status=400
                )
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = getattr(request, "map_query", None)
        if query is None:  # previews skip serve()
            query = self.map_query({})
        context["map_query"] = query
        context["areas"] = group_by_area(points_for(query)[: query.limit])
        context["light"] = request.GET.get("tampilan") == "daftar"
        context["day_choices"] = [
            (1, _("Last 24 hours")),
            (7, _("Last 7 days")),
            (30, _("Last 30 days")),
            (90, _("Last 90 days")),
        ]
        return context


def group_by_area(points):
    """[(province, [(regency, [points…]), …]), …] in alphabetical order."""
    tree = {}
    for point in points:
        province = point.province or _("Other")
        regency = point.regency or point.place_name or province
        tree.setdefault(province, {}).setdefault(regency, []).append(point)
    return [
        (province, sorted(regencies.items(), key=lambda item: str(item[0])))
        for province, regencies in sorted(tree.items(), key=lambda item: str(item[0]))
    ]
