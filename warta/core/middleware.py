from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation

from warta.core import pagecache
from warta.core.models import SiteSettings
from warta.core.views import bad_request


class QueryStringLimitMiddleware:
    """Refuses oversized query strings with a 400 before any view or cache sees them.

    No public page takes more than a few short parameters; a huge query string is
    either a mistake or an attempt to bust caches and exhaust the parser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.WARTA_MAX_QUERY_STRING:
            return bad_request(request, None)
        return self.get_response(request)


class SiteLanguageMiddleware:
    """Serves each site's public pages in that site's language.

    The language comes from the site, never from a cookie or header, so a
    cached page is the same for every reader. The admin picks its own
    language from the editor's account.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = settings.LANGUAGE_CODE
        site = pagecache.site_for_request(request)
        if site is not None:
            # Where SiteSettings.for_request looks first: later callers need no query.
            site_settings = pagecache.site_settings(site)
            site_settings._request = request
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
            language = site_settings.language
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses public pages; leaves the admin alone.

    Public pages hold no secrets, so compressing them is safe. Admin pages
    carry CSRF tokens next to text an attacker may control, the setting in
    which compression leaks secrets (BREACH), so they are sent as they are.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            return response
        # An event stream must reach the reader event by event; Django would
        # compress each event as a gzip member of its own, which browsers drop.
        if response.get("Content-Type", "").startswith("text/event-stream"):
            return response
        # A file offered in byte ranges (media, core/ranges.py) is sent as its
        # bytes: ranges count those, and images and videos do not compress.
        if response.get("Accept-Ranges") == "bytes" or response.status_code == 206:
            return response
        return super().process_response(request, response)
