from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from warta.articles.views import tag_page
from warta.core import pagecache
from warta.core.csp import csp_report
from warta.core.favicon import favicon_png, favicon_svg, logo_png
from warta.images.views import serve_public_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/peta/", include("warta.maps.urls")),
    path("api/v1/", include("warta.api.urls")),
    path("live/", include("warta.live.urls")),
    path("favicon.ico", favicon_png, name="favicon"),
    path("favicon.svg", favicon_svg, name="favicon-svg"),
    path("logo.png", logo_png, name="site-logo"),
    path("csp-report/", csp_report, name="csp-report"),
    path("tag/<slug:slug>/", tag_page, name="tag-page"),
    path("", include("warta.discovery.urls")),
    path("", include("warta.trust.urls")),
]

if settings.SERVE_MEDIA:
    # Only renditions and video outputs; uploaded originals live in private storage.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", serve_public_media))

# Wagtail's own URLs, its page view swapped for the one that takes routes from the
# cache (core/pagecache.py); the name stays, as Wagtail reverses it for page URLs.
*wagtail_utils, wagtail_serve_pattern = wagtail_urls.urlpatterns
urlpatterns += [
    *wagtail_utils,
    re_path(wagtail_serve_pattern.pattern.regex.pattern, pagecache.serve, name="wagtail_serve"),
]

handler400 = "warta.core.views.bad_request"
handler404 = "warta.core.views.page_not_found"
handler500 = "warta.core.views.server_error"
