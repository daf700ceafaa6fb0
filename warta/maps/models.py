"""Places: where a story, a live update, a photo or a video happened.

`Placed` is an abstract model so every placed thing keeps its place in its own
row: lists, feeds and map queries then need no join per item, and each app
owns its migration. The maps app builds the gazetteer, the map picker and the
public maps on top of these fields.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from warta.core.models import PublicPage

# The fields `Placed` adds, in form order (the picker and forms without panels use this).
PLACE_FIELDS = (
    "place_name",
    "place_latitude",
    "place_longitude",
    "place_approximate",
    "place_regency",
    "place_province",
)

# Two decimals of a degree are about 1.1 km at the equator: close enough for a
# map of coverage, too coarse to find a source's house.
APPROXIMATE_DECIMALS = 2


def round_approximate(value):
    return None if value is None else round(value, APPROXIMATE_DECIMALS)


class Placed(models.Model):
    place_name = models.CharField(
        _("place name"),
        max_length=200,
        blank=True,
        help_text=_("As readers should see it, e.g. “Pantai Kuta” or “Distrik Sentani”."),
    )
    place_latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    place_longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    place_approximate = models.BooleanField(
        _("approximate place"),
        default=False,
        help_text=_(
            "Round the point to about 1 km before it is saved, to protect sources. "
            "The exact point is not kept."
        ),
    )
    place_regency = models.CharField(_("regency / city"), max_length=120, blank=True)
    place_province = models.CharField(_("province"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Rounded before the row is stored, so nothing built from it (map index,
        # GeoJSON, structured data) can hold the exact point of a protected source.
        if self.place_approximate:
            self.place_latitude = round_approximate(self.place_latitude)
            self.place_longitude = round_approximate(self.place_longitude)
        super().save(*args, **kwargs)

    @property
    def has_place(self):
        return self.place_latitude is not None and self.place_longitude is not None


class GazetteerPlace(models.Model):
    """A named administrative area of Indonesia with a representative point.

    Loaded by `manage.py load_gazetteer` from the `territory-indonesia` npm
    package (provinces, regencies/cities and districts, each with a point).
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

    def serve(self, request, *args, **kwargs):
        from warta.maps.query import BadMapQuery, parse_map_query

        try:
            request.map_query = parse_map_query(request.GET, site=self.get_site())
        except BadMapQuery as error:
            response = TemplateResponse(
                request, "maps/map_page.html", {"page": self, "error": str(error)}, status=400
            )
            patch_cache_control(response, public=True, max_age=settings.WARTA_PAGE_MAX_AGE)
            return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from warta.maps.query import points_for

        context = super().get_context(request, *args, **kwargs)
        query = getattr(request, "map_query", None)
        if query is None:  # previews skip serve()
            from warta.maps.query import parse_map_query

            query = parse_map_query({}, site=self.get_site())
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
