"""The GeoJSON API behind every map, and the offline outline layer."""

import hashlib
import json

from django.conf import settings
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from warta.core.http import conditional, json_error
from warta.core.models import site_settings_for
from warta.maps.models import points_for
from warta.maps.outline import outline_geojson_bytes
from warta.maps.query import BadMapQuery, parse_map_query
from warta.maps.registry import registry

GEOJSON = "application/geo+json"
# The outline changes only with the pinned package: a day in shared caches.
OUTLINE_MAX_AGE = 86_400


def digest(*parts):
    return '"' + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest() + '"'


def points_version(points):
    """What changes whenever the selected rows do: their number, newest id and edit."""
    summary = points.order_by().aggregate(Count("pk"), Max("pk"), Max("updated_at"))
    return tuple(summary.values())


# A short label for points that are not stories, shown in the marker's popup.
KIND_LABELS = {"live": gettext_lazy("Live update")}


def feature(point, zone_settings, root=""):
    area = ", ".join(part for part in (point.regency, point.province) if part)
    return {
        "type": "Feature",
        "id": f"{point.kind}-{point.object_id}",
        "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
        "properties": {
            "kind": point.kind,
            "kind_label": str(KIND_LABELS.get(point.kind, "")),
            "title": point.title,
            "url": root + point.url,
            "time": point.published_at.isoformat(),
            "time_label": zone_settings.local_datetime(point.published_at),
            "place": point.place_name,
            "area": area,
            "approximate": point.approximate,
        },
    }


@require_GET
def points(request):
    """Recent placed items as a GeoJSON FeatureCollection, newest first, paginated."""
    site = Site.find_for_request(request)
    try:
        query = parse_map_query(request.GET, site=site, known_kinds=registry.kinds())
    except BadMapQuery as error:
        return json_error(400, str(error), cache=True)
    # Another site's points (?site=) link to that site and show its time zone.
    target = site
    if query.site_id != getattr(site, "pk", None):
        target = Site.objects.filter(pk=query.site_id).first()
    # The default site's zone when ?site= names no site: the list is empty anyway.
    zone_settings = site_settings_for(target)
    root = target.root_url if target is not None and target != site else ""
    selected = points_for(query)
    version = points_version(selected)
    if query.page > max(1, -(-version[0] // query.limit)):
        return json_error(400, _("That page number does not exist."), cache=True)
    etag = digest(query, zone_settings.time_zone, root, get_language(), version)
    return conditional(
        request,
        etag,
        GEOJSON,
        settings.WARTA_PAGE_MAX_AGE,
        lambda: geojson_body(request, query, selected, zone_settings, root, version[0]),
    )


def geojson_body(request, query, selected, zone_settings, root, total):
    start = (query.page - 1) * query.limit
    rows = list(selected[start : start + query.limit])
    body = {
        "type": "FeatureCollection",
        "features": [feature(point, zone_settings, root) for point in rows],
        "since": query.since.isoformat(),
        "until": query.until.isoformat() if query.until else None,
        "total": total,
        "page": query.page,
    }
    if start + query.limit < total:
        params = request.GET.copy()
        params["page"] = query.page + 1
        body["next"] = f"{reverse('maps:points')}?{params.urlencode()}"
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


@require_GET
def outline(request):
    body = outline_geojson_bytes()
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    return conditional(request, etag, GEOJSON, OUTLINE_MAX_AGE, lambda: body)
