"""What every page asks the database for, kept in the cache until the page tree changes.

Every public page needs the same few things before it renders a word of its own: the
site for the host, the site's settings, the route from the URL to the page, the view
restrictions above the page, the masthead's sections and the standing pages. Each was a
query (or three) on every request; here each is kept in the configured cache (Redis in
production, degrading to a miss when Redis is down: core/cache.py) under a key that
carries a *generation*.

The generation is one cache key that changes whenever anything those lookups depend on
may have changed: a page saved, published, unpublished, moved or deleted, a site or a
site's settings saved or deleted, a view restriction added or removed (`connect()`). A
new generation makes every older entry unreachable at once, so nothing has to know
which entries a change touches, and the next request after a publish rebuilds from the
database. The change is announced at once (so the request or test that made it sees
it) and again when its transaction commits (so a request that rebuilt an entry from
the database before the commit cannot keep the old state under the new generation).

The route is checked on every hit besides: the cached page id is loaded and must be
live and still at the requested URL, so a route can never serve an unpublished or
moved page, whatever the cache holds.

With a process-local cache (LocMemCache: the embedded default) another process's
change cannot reach this process's cache; entries then last `LOCAL_TIMEOUT` seconds, so
a page published by the task worker (scheduled publishing) shows in the masthead of the
web server's pages within that time, the `WARTA_PAGE_MAX_AGE` readers' caches may keep a
page anyway. A change made in the web server itself (the admin) is seen at once, and a
shared cache (Redis, which production uses) sees every process's changes at once.

Within one request the generation and the entries already read are remembered
(`RequestMemoMiddleware`), so a lookup repeated in a request costs no cache round trip.
"""

import contextvars
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "warta:pagecache:generation"
SHARED_TIMEOUT = 600  # seconds; entries of an old generation simply expire
LOCAL_TIMEOUT = 60
_MISSING = object()

_memo = contextvars.ContextVar("warta_pagecache_memo", default=None)


def _timeout():
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return LOCAL_TIMEOUT if backend.endswith("LocMemCache") else SHARED_TIMEOUT


def generation():
    memo = _memo.get()
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY) or value
    if memo is not None:
        memo[GENERATION_KEY] = value
    return value


def peek(name, default=None):
    """The value kept under `name` for the current generation, or `default`."""
    memo = _memo.get()
    if memo is not None and name in memo:
        return memo[name]
    value = cache.get(f"warta:pagecache:{generation()}:{name}", _MISSING)
    if value is _MISSING:
        return default
    if memo is not None:
        memo[name] = value
    return value


def store(name, value):
    cache.set(f"warta:pagecache:{generation()}:{name}", value, timeout=_timeout())
    memo = _memo.get()
    if memo is not None:
        memo[name] = value


def cached(name, build):
    """The value kept under `name` for the current generation, built by `build()` on a miss.

    `build` may return None: that is kept too (a host with no site stays a miss for
    the database only once per generation).
    """
    value = peek(name, _MISSING)
    if value is _MISSING:
        value = build()
        store(name, value)
    return value


def invalidate(**kwargs):
    """Start a new generation now and again when the current transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    """Remembers the generation and the entries read during one request (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


# --- The lookups ---------------------------------------------------------------


def site_for_request(request):
    """Wagtail's Site for the request's host (with its root page), from the cache.

    Stored on the request where Wagtail's `Site.find_for_request` looks first, so every
    later caller in the request gets it without a query.
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    from django.core.exceptions import DisallowedHost
    from django.http.request import split_domain_port
    from wagtail.models import Site

    try:
        request.get_host()
    except DisallowedHost:
        # Not one of ours (CommonMiddleware answers 400): no cache entry per made-up host.
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = hashlib.sha1(f"{hostname}:{port}".encode()).hexdigest()
    site = cached(f"site:{key}", lambda: Site._find_for_request(request))
    request._wagtail_site = site
    return site


def site_settings(site):
    """The SiteSettings of `site` (created if missing, as Wagtail does), from the cache."""
    from warta.core.models import SiteSettings

    def build():
        instance = SiteSettings.for_site(site)
        instance.site = site  # so str() and templates need no query for the site
        return instance

    return cached(f"settings:{site.pk}", build)


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (their subtrees are private)."""
    from wagtail.models import PageViewRestriction

    return cached(
        "restricted",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def private_q(queryset):
    """PageQuerySet.private_q from the cached paths: pages in or below a restricted page."""
    from django.db.models import Q

    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def is_under_restriction(page):
    """Whether a view restriction applies to `page` (on it or an ancestor), by the cache."""
    return any(page.path.startswith(path) for path in restricted_paths())


def serve(request, path):
    """Wagtail's page view, with the route from the URL to the page taken from the cache.

    A cached route is only a page id: the page is loaded (one query, its own type's
    table joined to Wagtail's) and used only if it is live and still at this URL;
    otherwise Wagtail routes as always, down the tree. Routes Wagtail finds to a whole
    page (no sub-route arguments) are remembered for the next request.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Site
    from wagtail.url_routing import RouteResult
    from wagtail.views import serve as wagtail_serve

    site = Site.find_for_request(request)
    if site is None or settings.WAGTAIL_I18N_ENABLED:
        return wagtail_serve(request, path)
    url_path = site.root_page.url_path + path
    # Hashed: a long or unusual path must still make a short, portable cache key.
    name = f"route:{site.pk}:{hashlib.sha1(url_path.encode()).hexdigest()}"
    known = peek(name) if not hasattr(request, "_wagtail_route_for_request") else None
    if known is not None:
        page_id, content_type_id = known
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first() if model is not None else None
        if page is not None and page.live and page.url_path == url_path:
            if page.depth > 1:  # as Wagtail's routing does: the parent comes with the page
                parent_path = page.path[: -page.steplen]
                parent = cached(
                    f"page:{parent_path}", lambda: Page.objects.filter(path=parent_path).first()
                )
                if parent is not None:
                    page._cached_parent_obj = parent
            request._wagtail_route_for_request = RouteResult(page)
        else:
            known = None
    response = wagtail_serve(request, path)
    if known is None:
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is not None:
            page, args, kwargs = route
            if not args and not kwargs and page.live and page.url_path == url_path:
                store(name, (page.pk, page.content_type_id))
                parent = getattr(page, "_cached_parent_obj", None)
                if parent is not None:  # set by Wagtail's routing; the next hit needs it
                    store(f"page:{parent.path}", parent)
    return response


# --- Invalidation ----------------------------------------------------------------


def _page_changed(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate()


def connect():
    """Start a new generation on every change the cached lookups depend on."""
    from django.db.models.signals import post_delete, post_save
    from taggit.models import Tag
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from warta.core.models import SiteSettings

    # Any page type: the senders are the specific classes.
    post_save.connect(_page_changed, dispatch_uid="pagecache-page-saved")
    post_delete.connect(_page_changed, dispatch_uid="pagecache-page-deleted")
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(invalidate, dispatch_uid=f"pagecache-page-{name}")
    # Tags are shown with the articles' bylines (articles.ArticlePage.get_context).
    for model in (Site, SiteSettings, PageViewRestriction, Tag):
        label = model._meta.label_lower
        post_save.connect(invalidate, sender=model, dispatch_uid=f"pagecache-{label}-saved")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"pagecache-{label}-deleted")
