"""The GeoJSON API behind every map, and the offline outline layer."""

import hashlib
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from warta.core.dates import local_datetime
from warta.core.models import SiteSettings
from warta.maps.outline import outline_geojson_bytes
from warta.maps.query import BadMapQuery, parse_map_query, points_for

GEOJSON = "application/geo+json"
# The outline changes only with the pinned package: a day in shared caches.
OUTLINE_MAX_AGE = 86_400


def bad_request(message):
    response = JsonResponse(
        {"error": message}, status=400, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=settings.WARTA_PAGE_MAX_AGE)
    return response


def conditional(request, body, content_type, max_age):
    """A public response with a strong ETag; 304 when the client has it already."""
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def feature(point, zone):
    area = ", ".join(part for part in (point.regency, point.province) if part)
    return {
        "type": "Feature",
        "id": f"{point.kind}-{point.object_id}",
        "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
        "properties": {
            "kind": point.kind,
            "title": point.title,
            "url": point.url,
            "time": point.published_at.isoformat(),
            "time_label": local_datetime(point.published_at, zone),
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
        query = parse_map_query(request.GET, site=site)
    except BadMapQuery as error:
        return bad_request(str(error))
    zone = SiteSettings.for_site(site).time_zone if site else settings.TIME_ZONE
    paginator = Paginator(points_for(query), query.limit)
    if query.page > max(paginator.num_pages, 1):
        return bad_request(_("That page number does not exist."))
    page = paginator.page(query.page)
    body = {
        "type": "FeatureCollection",
        "features": [feature(point, zone) for point in page.object_list],
        "since": query.since.isoformat(),
        "until": query.until.isoformat() if query.until else None,
        "total": paginator.count,
        "page": query.page,
    }
    if page.has_next():
        params = request.GET.copy()
        params["page"] = query.page + 1
        body["next"] = f"{reverse('maps:points')}?{params.urlencode()}"
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return conditional(request, data, GEOJSON, settings.WARTA_PAGE_MAX_AGE)


@require_GET
def outline(request):
    return conditional(request, outline_geojson_bytes(), GEOJSON, OUTLINE_MAX_AGE)
