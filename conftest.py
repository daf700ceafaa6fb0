"""Fixtures every app's tests share.

Fixtures that build pages of the higher apps (sites, sections, authors) live
here rather than in an app's tests, so a test of a lower app can use them
without importing the higher app: the layers contract holds for tests too
(docs/architecture.md). Factories are imported inside the fixtures because
this file is loaded before Django is set up.
"""

import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Wagtail caches site root paths; a test's sites must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, headless.

    `make test` installs Chromium where it can (root with apt). In CI a missing
    Chromium fails the run; on a developer's machine without one the browser
    tests are skipped with this reason.
    """
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own
    # database calls are still synchronous, so Django may allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def served_page(browser, client, settings):
    """A browser tab whose requests to one host are answered by Django's test client.

    Serving through the test client, in the test's own thread and transaction,
    lets browser tests use ordinary (rolled-back) test data on SQLite and
    PostgreSQL alike, with no live server. Requests to any other host are
    refused and listed in `tab.blocked`, so a test can assert that a page
    makes no third-party requests.
    """
    from django.db import connections

    settings.WHITENOISE_USE_FINDERS = True  # serve app static files uncollected
    # Playwright calls route handlers from another greenlet, which Django would
    # give a connection of its own, outside the test's transaction.
    test_connection = connections["default"]
    settings.WHITENOISE_AUTOREFRESH = True
    contexts = []

    def open_tab(host, **context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        tab = context.new_page()
        tab.blocked = []

        def answer(route, request):
            connections["default"] = test_connection
            url = urlsplit(request.url)
            if url.hostname != host:
                tab.blocked.append(request.url)
                return route.abort()
            response = client.generic(
                request.method,
                url.path + (f"?{url.query}" if url.query else ""),
                data=request.post_data_buffer or b"",
                content_type=request.headers.get("content-type", ""),
                HTTP_HOST=host,
            )
            body = b"".join(response.streaming_content) if response.streaming else response.content
            return route.fulfill(
                status=response.status_code, headers=dict(response.items()), body=body
            )

        tab.route("**/*", answer)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def site(db):
    """BALICITIZEN, the default site (Asia/Makassar), on balicitizen.localhost."""
    from warta.articles.factories import make_site

    return make_site()


@pytest.fixture
def section(site):
    from warta.articles.factories import make_section

    return make_section(site, "Internasional", "internasional")


@pytest.fixture
def author(site):
    from warta.articles.factories import make_author

    return make_author(site, "Ni Luh Ayu")


@pytest.fixture
def get(client, site):
    """`client.get` on the test site's host name."""

    def get(path, **extra):
        return client.get(path, HTTP_HOST=site.hostname, **extra)

    return get


@pytest.fixture
def map_page(site):
    """The site's Peta page, at /peta/."""
    from warta.articles.factories import publish
    from warta.maps.models import MapPage

    return publish(site.root_page.specific, MapPage(title="Peta", slug="peta"))


@pytest.fixture
def gazetteer(db):
    """A few real places of Bali and Papua in the gazetteer."""
    from warta.maps.factories import make_gazetteer

    return make_gazetteer()


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def json_ld():
    """`json_ld(html, type_=None)`: the page's first JSON-LD block, or the first of `type_`."""

    def find(html, type_=None):
        for raw in JSON_LD.findall(html):
            data = json.loads(raw)
            if type_ is None or data.get("@type") == type_:
                return data
        raise AssertionError(f"no {type_ or ''} JSON-LD".replace("  ", " "))

    return find


@pytest.fixture
def purge_server(settings):
    """A stand-in for nginx/Varnish that records the PURGE requests it gets (from
    when the fixture is set up: ask for it after the fixtures that publish)."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # the HTTP method's name, as http.server spells it
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield received
    server.shutdown()
    server.server_close()
