"""What every map on a page needs to know: where its data and base layers are."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse


def map_settings():
    """Passed to the browser as JSON (json_script), the same for public maps and the picker."""
    return {
        "outline_url": reverse("maps:outline"),
        "tile_url": settings.WARTA_MAP_TILE_URL,
        "tile_attribution": settings.WARTA_MAP_TILE_ATTRIBUTION,
        "marker_icon": static("vendor/leaflet/images/marker-icon.png"),
        "center": [-2.5, 118.0],  # Indonesia
        "zoom": 4,
    }
