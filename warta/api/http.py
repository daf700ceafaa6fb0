"""What every API answer shares: read-only methods, CORS, caching, ETags, the rate limit.

Written once here and wrapped around every URL of the API (`urls.py`), so an
endpoint cannot forget one of them:

- only GET, HEAD and OPTIONS; anything else is a 405 naming those three;
- CORS for reading from any origin, never with credentials (nothing here
  depends on who asks, so there is nothing a credential could unlock);
- a 200 gets an ETag made from its bytes and a 304 when the client has them,
  through Django's own `get_conditional_response`; answers that depend only
  on the URL (200, 304, 400, 404, 422) are public for pages' max-age; a 429
  depends on the caller and is never stored;
- per-address rate limiting is a django-ninja throttle (`AddressRateThrottle`),
  counted in the cache; a dead cache lets requests through rather than
  taking the API down.
"""

import hashlib
import logging
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext_lazy as _
from ninja.throttling import BaseThrottle

from warta.api.errors import BAD_REQUEST, NOT_FOUND, problem
from warta.core.http import public

logger = logging.getLogger(__name__)

METHODS = "GET, HEAD, OPTIONS"
METHOD_NOT_ALLOWED = _("This API only reads: use GET, HEAD or OPTIONS.")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": METHODS,
    "Access-Control-Allow-Headers": "Accept, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Language",
}
# Browsers may keep a preflight's answer this long (they cap it lower themselves).
PREFLIGHT_MAX_AGE = 86_400
CACHEABLE = {200, 304, 400, 404, 405, 422}


def etag_for(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def read_only(view):
    """`view` answering only reads, with the API's CORS, cache and ETag headers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            response["Allow"] = METHODS
        elif request.method not in ("GET", "HEAD"):
            response = problem(405, METHOD_NOT_ALLOWED)
            response["Allow"] = METHODS
        else:
            response = answer(view, request, *args, **kwargs)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response

    return wrapper


def answer(view, request, *args, **kwargs):
    head = request.method == "HEAD"
    if head:
        # The same answer as GET, without the body (ninja routes HEAD nowhere).
        request.method = "GET"
    try:
        response = view(request, *args, **kwargs)
    finally:
        if head:
            request.method = "HEAD"
    if response.status_code == 200 and not response.streaming:
        etag = etag_for(response.content)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            response = not_modified
        response["ETag"] = etag
    if response.status_code in CACHEABLE:
        public(response)
    else:
        patch_cache_control(response, no_store=True)
    if head and not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def error_answer(request, status):
    """The API's 400 and 404 for what never reached it (`core.views.register_error_answer`):
    a query string over the limit, a URL under /api/v1/ that is no endpoint."""
    response = problem(status, BAD_REQUEST if status == 400 else NOT_FOUND)
    for header, value in CORS_HEADERS.items():
        response[header] = value
    return public(response)


class AddressRateThrottle(BaseThrottle):
    """At most `WARTA_API_RATE_REQUESTS` requests per address per window of seconds.

    A fixed window counted with the cache's atomic `incr` (one key per address
    and window), rather than ninja's SimpleRateThrottle, which keeps a list of
    every request's time per address and stores its state on the shared
    throttle object between `allow_request` and `wait`. The address is
    REMOTE_ADDR, or the one `NINJA_NUM_PROXIES` trusted proxies put in
    X-Forwarded-For (`BaseThrottle.get_ident`).
    """

    _local = threading.local()

    def allow_request(self, request):
        limit = settings.WARTA_API_RATE_REQUESTS
        window = settings.WARTA_API_RATE_SECONDS
        now = time.time()
        self._local.wait = window - now % window
        ident = hashlib.blake2b(str(self.get_ident(request)).encode(), digest_size=12).hexdigest()
        key = f"warta-api-rate:{ident}:{int(now // window)}"
        try:
            cache.add(key, 0, window + 1)
            count = cache.incr(key)
        except Exception:
            # A dead cache degrades the API to unlimited; it never takes it down.
            logger.warning("API rate limit not counted: the cache failed", exc_info=True)
            return True
        return count <= limit

    def wait(self):
        return getattr(self._local, "wait", None)
