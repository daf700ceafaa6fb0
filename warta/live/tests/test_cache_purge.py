"""Publishing, editing or deleting an update purges the page and the JSON endpoint
from the caches in front, through Wagtail's frontend_cache (HTTP PURGE here)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from warta.live import services
from warta.live.factories import make_update


@pytest.fixture
def purge_server():
    """A stand-in for nginx/Varnish that records the PURGE requests it gets."""
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
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_update_changes_purge_page_and_json(
    settings, purge_server, coverage, topic, django_capture_on_commit_callbacks
):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    json_path = f"/live/{coverage.pk}/updates.json"
    with django_capture_on_commit_callbacks(execute=True):
        update = make_update(coverage)
    assert ("balicitizen.localhost", "/topik/banjir-bali/") in received
    assert ("balicitizen.localhost", json_path) in received

    for change in (services.edit, services.withdraw):
        received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change(update)
        assert {
            ("balicitizen.localhost", "/topik/banjir-bali/"),
            ("balicitizen.localhost", json_path),
        } <= set(received)


def test_nothing_is_purged_while_the_transaction_is_open(settings, purge_server, coverage):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    make_update(coverage)
    assert received == []
