from django import template
from django.http import QueryDict
from django.templatetags.static import static
from django.urls import reverse

from warta.maps.config import map_settings
from warta.maps.query import DEFAULT_DAYS

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
