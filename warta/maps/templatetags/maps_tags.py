from datetime import timedelta

from django import template
from django.http import QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from warta.maps.config import map_settings
from warta.maps.models import points_for
from warta.maps.query import DEFAULT_DAYS, MapQuery
from warta.maps.teaser import MAX_DOTS, teaser

register = template.Library()


def _config(points_params=None, marker=None):
    config = map_settings()
    config["libraries"] = {
        "css": [
            static("vendor/leaflet/leaflet.css"),
            static("vendor/leaflet.markercluster/MarkerCluster.css"),
            static("vendor/leaflet.markercluster/MarkerCluster.Default.css"),
            static("maps/maps.css"),
        ],
        "js": [
            static("vendor/leaflet/leaflet.js"),
            static("vendor/leaflet.markercluster/leaflet.markercluster.js"),
        ],
    }
    if points_params is not None:
        query = QueryDict(mutable=True)
        query.update({k: v for k, v in points_params.items() if v not in (None, "")})
        config["points_url"] = f"{reverse('maps:points')}?{query.urlencode()}"
    if marker:
        config["marker"] = marker
    return config


@register.inclusion_tag("maps/includes/coverage_map.html")
def coverage_map(section=None, topic=None, days=DEFAULT_DAYS, query=None, label=""):
    """A map of recent placed stories: a site's (query), a section's or a topic's."""
    if query is not None:
        params = {
            "days": query.days,
            "site": query.site_id,
            "section": query.section_id,
            "topic": query.topic_id,
        }
    else:
        params = {
            "days": days,
            "section": section.pk if section else None,
            "topic": topic.pk if topic else None,
        }
    return {"config": _config(params), "label": label}


@register.inclusion_tag("maps/includes/coverage_map.html")
def point_map(latitude, longitude, zoom, title="", label=""):
    marker = {"latitude": latitude, "longitude": longitude, "zoom": zoom, "title": title}
    config = _config(marker=marker)
    return {"config": config, "label": label}


FOLDED_LIST_SIZE = 20


@register.inclusion_tag("maps/includes/folded_map.html", takes_context=True)
def folded_map(context, section=None, topic=None, days=DEFAULT_DAYS, label=""):
    """A section's or topic's map of the last days, folded; with its list, so it works without JS.

    Nothing at all when no story of theirs is placed in that time (one query).
    """
    query = MapQuery(
        since=timezone.now().replace(second=0, microsecond=0) - timedelta(days=days),
        section_id=section.pk if section else None,
        topic_id=topic.pk if topic else None,
    )
    points = list(points_for(query)[:FOLDED_LIST_SIZE])
    return {
        "request": context.get("request"),
        "points": points,
        "section": section,
        "topic": topic,
        "days": days,
        "label": label,
    }


@register.inclusion_tag("maps/includes/map_teaser.html", takes_context=True)
def map_teaser(context, map_page, days=DEFAULT_DAYS):
    """The front page's map of the site's last days, a static SVG linking to Peta (one query).

    Nothing without a Peta page or without placed stories in that time.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if map_page is None or site is None:
        return {"teaser": None}
    query = MapQuery(
        since=timezone.now().replace(second=0, microsecond=0) - timedelta(days=days),
        site_id=site.pk,
    )
    rows = points_for(query).values_list("latitude", "longitude")[:MAX_DOTS]
    return {"teaser": teaser(rows), "map_page": map_page, "days": days, "request": request}
