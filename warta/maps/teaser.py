"""The front page's map teaser: the last days' placed stories as dots on the province outline.

An inline SVG, drawn on the server from the offline outline (`outline.py`): no
map library, no tiles, no request of its own. The frame is the dots' extent,
padded and snapped to a half-degree grid, so the drawn outline of a frame is
computed once per process and reused (`_land`).
"""

import json
import math
from functools import lru_cache

from warta.maps.outline import outline_geojson_bytes

GRID = 0.5  # degrees: frames snap to it
MIN_SPAN = 1.5  # degrees: a single dot still shows its surroundings
SCALE = 100  # SVG units per degree
MAX_DOTS = 200


def frame(points):
    """(west, south, east, north) around `points` [(latitude, longitude)], snapped to GRID."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    west, east = min(lons), max(lons)
    south, north = min(lats), max(lats)
    grow_x = max(0.0, MIN_SPAN - (east - west)) / 2 + 0.25
    grow_y = max(0.0, MIN_SPAN - (north - south)) / 2 + 0.25

    def down(value):
        return math.floor(value / GRID) * GRID

    def up(value):
        return math.ceil(value / GRID) * GRID

    return down(west - grow_x), down(south - grow_y), up(east + grow_x), up(north + grow_y)


def _rings(geometry):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


@lru_cache(maxsize=64)
def _land(box):
    """The SVG path of the outline's rings that reach into `box`, in SVG units (integers)."""
    west, south, east, north = box
    outline = json.loads(outline_geojson_bytes())
    parts = []
    for feature in outline.get("features", ()):
        for ring in _rings(feature.get("geometry") or {"type": ""}):
            if not any(west <= lon <= east and south <= lat <= north for lon, lat in ring):
                continue
            steps, last = [], None
            for lon, lat in ring:
                x, y = round((lon - west) * SCALE), round((north - lat) * SCALE)
                if last is None or abs(x - last[0]) + abs(y - last[1]) >= 2:
                    steps.append(f"{x} {y}")
                    last = (x, y)
            if len(steps) >= 3:
                parts.append("M" + "L".join(steps) + "Z")
    return "".join(parts)


def teaser(points):
    """What the teaser draws for `points` [(latitude, longitude)], or None when there are none."""
    points = list(points)[:MAX_DOTS]
    if not points:
        return None
    box = frame(points)
    west, south, east, north = box
    width, height = round((east - west) * SCALE), round((north - south) * SCALE)
    radius = max(2, round(min(width, height) / 40))
    dots = sorted(
        {(round((lon - west) * SCALE), round((north - lat) * SCALE)) for lat, lon in points}
    )
    return {
        "width": width,
        "height": height,
        "land": _land(box),
        "dots": dots,
        "radius": radius,
        "count": len(points),
    }
