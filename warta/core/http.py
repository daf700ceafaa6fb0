"""The response policies every public view shares: written here once.

- `public()`: a response any shared cache may keep, for how long.
- `json_error()`: a JSON `{"error": …}` body in the reader's language.
- `conditional()`: an ETag'd response that answers 304 when the client has it,
  through Django's own `get_conditional_response` (no hand-parsed headers).
"""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control


def public(response, max_age=None, shared_max_age=None):
    """Mark `response` as cacheable by anyone for `max_age` seconds (default: pages').

    Shared caches keep it for `shared_max_age` (`s-maxage`): by default
    `max_age`, or for pages `WARTA_SHARED_MAX_AGE` — longer is safe behind a
    cache the app purges on publish (FRONTEND_CACHE_PURGE_URL).

    Shared caches may also serve it stale while they revalidate in the background
    (`stale-while-revalidate`) and while the origin answers errors or is down
    (`stale-if-error`): readers keep getting the last good page during a blip.
    Revalidation is cheap: `ConditionalGetMiddleware` gives HTML an ETag and
    answers 304 to a cache that already has the bytes.
    """
    if max_age is None:
        max_age = settings.WARTA_PAGE_MAX_AGE
        if shared_max_age is None:
            shared_max_age = settings.WARTA_SHARED_MAX_AGE
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=max_age if shared_max_age is None else shared_max_age,
        stale_while_revalidate=settings.WARTA_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.WARTA_STALE_IF_ERROR,
    )
    return response


def json_error(status, message, *, cache=False):
    """`{"error": message}` with `status`; public (for pages' max-age) when `cache` is true.

    Errors that depend only on the URL (a bad query string) can be cached like
    the page they replace; errors about the state of a thing should not be.
    """
    response = JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    return public(response) if cache else response


def json_body(data):
    """`data` as UTF-8 JSON bytes, non-ASCII kept readable."""
    return json.dumps(data, ensure_ascii=False).encode()


def conditional(request, etag, content_type, max_age, make_body):
    """A public response with `etag`: 304 when the client has it, else `make_body()`.

    `make_body` is only called when the client needs the body, so a
    revalidation costs no more than working out the ETag.
    """
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(make_body(), content_type=content_type)
    response["ETag"] = etag
    return public(response, max_age)
