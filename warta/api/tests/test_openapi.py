"""The OpenAPI document is valid, and requests generated from it never get a server error.

Schemathesis drives the Django application in-process (WSGI), inside this
test's transaction: no live server and no transactional test, so the
database is rolled back like any other test's (a flush here would break the
live app's browser tests that run after this folder).
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from wagtail.models import Site
from wagtail.rich_text import RichText

from warta.articles.factories import make_article
from warta.live.factories import make_coverage, make_topic, make_update
from warta.trust.models import CorrectionNote, NoteKind

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


def test_the_openapi_document_is_valid(api):
    response = api("openapi.json")
    assert response.status_code == 200
    validate(response.data)
    paths = set(response.data["paths"])
    assert {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/sections",
        "/api/v1/topics",
        "/api/v1/authors",
        "/api/v1/sites",
        "/api/v1/live-coverages",
        "/api/v1/live-coverages/{coverage_id}/updates",
        "/api/v1/corrections",
    } <= paths


def test_the_docs_page_needs_nothing_from_another_host(api):
    response = api("docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    assert "cdn." not in html and "unpkg" not in html


@pytest.fixture
def wsgi_app():
    """Django as a WSGI app that keeps the test's connection (as the test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(site, section, author):
    """A little of everything, on the site schemathesis' host ("localhost") falls back to."""
    Site.objects.exclude(pk=site.pk).delete()
    related = make_article(section, title="Terkait", authors=[author])
    body = [
        ("paragraph", RichText("<p>Paragraf.</p>")),
        ("heading", {"text": "Subjudul", "level": "h2"}),
        ("related", {"page": related}),
    ]
    story = make_article(section, title="Berita", authors=[author], body=body, place_name="Kuta")
    CorrectionNote.objects.create(
        article=story, kind=NoteKind.CORRECTION, text="Nama desa.", created_at=timezone.now()
    )
    topic = make_topic(site)
    make_update(make_coverage(topic), headline="Terbaru")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_requests_never_get_a_server_error(wsgi_app, content, settings, mode):
    settings.WARTA_API_RATE_REQUESTS = 10**9
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The werkzeug client does not undo gzip; the API itself is tested, not the middleware.
            response = case.call(headers={"Accept-Encoding": "identity"})
            assert response.status_code < 500, (case.as_curl_command(), response.text)
            # Every other check runs (schema, status codes, content types, headers,
            # negative data rejected). A cursor is opaque: only those the API gave
            # out are valid, which a schema cannot say, so a generated one is
            # rightly a 400 although it matches the documented pattern.
            case.validate_response(response, excluded_checks=[positive_data_acceptance])

        check()
