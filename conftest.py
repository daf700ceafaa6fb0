import os
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
