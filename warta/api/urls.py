"""The API's URLs (mounted at /api/v1/), each wrapped in the read-only policy of `http.py`."""

from warta.api.http import read_only
from warta.api.views import api

patterns, _, app_name = api.urls  # app_name "warta-api": ninja's docs reverse that namespace
for pattern in patterns:
    pattern.callback = read_only(pattern.callback)
urlpatterns = patterns
