"""The Content-Security-Policy header on every kind of response, and the report endpoint.

What the policy allows is exercised in a browser by
`demo/tests/test_csp_in_browser.py`; here: the header is there, strict where
readers are, Wagtail's exceptions only under /admin/, and violation reports
are logged without a 500 whatever a client sends.
"""

import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import path

from warta.core import csp as csp_module
from warta.core.csp_policy import JS_CLASS_SCRIPT, origin, script_hash
from warta.core.views import server_error

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response):
    policy = response[HEADER]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict(response):
    policy = directives(response)
    assert "'unsafe-inline'" not in response[HEADER]
    assert "'unsafe-eval'" not in response[HEADER]
    assert "nonce-" not in response[HEADER]  # cached pages must not carry one
    assert policy["script-src"] == ["'self'", script_hash(JS_CLASS_SCRIPT)]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["report-uri"] == ["/csp-report/"]
    assert policy["report-to"] == ["csp"]
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'


def test_public_pages_get_the_strict_policy_and_their_one_inline_script_matches_it(get, section):
    response = get("/internasional/")
    assert response.status_code == 200
    assert_strict(response)
    html = response.content.decode()
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert inline == [JS_CLASS_SCRIPT]


def test_json_feeds_and_the_api_get_it(get, section):
    for url in ("/api/peta/titik.geojson", "/api/v1/articles", "/feed/json/", "/sitemap.xml"):
        response = get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_error_pages_get_it(get, section):
    assert_strict(get("/tidak-ada-halaman-ini/"))  # 404
    bad = get("/internasional/", QUERY_STRING="q=" + "a" * 5000)
    assert bad.status_code == 400
    assert_strict(bad)


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("rusak/", broken_view)]
handler500 = server_error


def test_the_500_page_gets_it(client, settings, site):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/rusak/", HTTP_HOST=site.hostname)
    assert response.status_code == 500
    assert_strict(response)


def test_static_files_get_it(get, settings, site):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = get("/static/core/warta.css")
    assert response.status_code == 200
    assert HEADER in response


def test_the_admin_gets_wagtails_exceptions_and_keeps_the_rest(client, site):
    login = client.get("/admin/login/")
    assert login.status_code == 200
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    for url in ("/admin/", f"/admin/pages/{site.root_page_id}/", "/admin/images/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert "'unsafe-eval'" not in response[HEADER]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        # The page preview is an iframe of the admin itself.
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["report-uri"] == ["/csp-report/"]
    assert directives(login)["frame-ancestors"] == ["'self'"]


def test_origins_elsewhere_are_named_and_tile_subdomains_become_a_wildcard():
    assert origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://*.tile.openstreetmap.org"
    )
    assert origin("https://cdn.example.org/media/") == "https://cdn.example.org"
    assert origin("/media/") is None
    assert origin("https://{z}x.example.org/") is None


def test_a_tile_server_and_a_media_cdn_are_allowed_where_they_are_used(tmp_path):
    from warta.core.tests.test_settings import run

    result = run(
        [
            "-c",
            "import json, django; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.CONTENT_SECURITY_POLICY['DIRECTIVES'],"
            " s.WARTA_CSP_ADMIN_DIRECTIVES]))",
        ],
        WARTA_DATA_DIR=str(tmp_path),
        WARTA_MAP_TILE_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png",
        S3_BUCKET="media",
        S3_CUSTOM_DOMAIN="cdn.example.org",
    )
    assert result.returncode == 0, result.stderr
    public, admin = json.loads(result.stdout)
    for policy in (public, admin):
        assert "https://*.tile.example.org" in policy["img-src"]
        for directive in ("img-src", "media-src", "connect-src"):
            assert "https://cdn.example.org" in policy[directive], directive
    assert "https://*.tile.example.org" not in public["connect-src"]


# The report endpoint.

CSP2_REPORT = {
    "csp-report": {
        "document-uri": "http://balicitizen.localhost/internasional/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js",
        "source-file": "http://balicitizen.localhost/internasional/",
        "line-number": 12,
        "disposition": "enforce",
    }
}
REPORTING_API_REPORT = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "http://balicitizen.localhost/internasional/",
        "body": {
            "documentURL": "http://balicitizen.localhost/internasional/",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "sample": "color: red",
            "disposition": "enforce",
        },
    }
]


@pytest.fixture
def report(client):
    def post(body, content_type="application/csp-report"):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return client.post("/csp-report/", data=raw, content_type=content_type)

    return post


@pytest.fixture
def fresh_budget(monkeypatch):
    monkeypatch.setattr(csp_module, "_budget", csp_module._LogBudget(3))


@pytest.mark.usefixtures("fresh_budget")
def test_a_report_uri_report_is_logged(report, caplog):
    with caplog.at_level(logging.WARNING, logger="warta.csp"):
        response = report(CSP2_REPORT)
    assert response.status_code == 204
    assert not response.cookies
    [line] = [r.getMessage() for r in caplog.records if r.name == "warta.csp"]
    logged = json.loads(line.removeprefix("CSP violation "))
    assert logged == {
        "document": "http://balicitizen.localhost/internasional/",
        "directive": "script-src-elem",
        "blocked": "https://evil.example/x.js",
        "source": "http://balicitizen.localhost/internasional/",
        "line": "12",
        "disposition": "enforce",
    }


@pytest.mark.usefixtures("fresh_budget")
def test_a_reporting_api_report_is_logged(report, caplog):
    with caplog.at_level(logging.WARNING, logger="warta.csp"):
        response = report(REPORTING_API_REPORT, "application/reports+json")
    assert response.status_code == 204
    [line] = [r.getMessage() for r in caplog.records if r.name == "warta.csp"]
    assert '"directive": "style-src-attr"' in line
    assert '"sample": "color: red"' in line


@pytest.mark.usefixtures("fresh_budget")
def test_junk_is_a_4xx_never_a_500(report, client, caplog):
    with caplog.at_level(logging.WARNING, logger="warta.csp"):
        assert report(b"not json").status_code == 400
        assert report(b"\xff\xfe\x00").status_code == 400
        assert report({"csp-report": "text"}).status_code == 400
        assert report([]).status_code == 400
        assert report([{"type": "network-error", "body": {}}]).status_code == 400
        assert report(b"[" * 100_00).status_code == 400  # deep nesting
        assert report(CSP2_REPORT, "text/plain").status_code == 415
        too_big = {"csp-report": {"blocked-uri": "x" * (csp_module.MAX_REPORT_BYTES + 1)}}
        assert report(too_big).status_code == 413
        assert client.get("/csp-report/").status_code == 405
    assert not [r for r in caplog.records if r.name == "warta.csp"]


@pytest.mark.usefixtures("fresh_budget")
def test_long_fields_are_cut_and_a_flood_is_summarised(report, caplog, monkeypatch):
    long = {"csp-report": {"blocked-uri": "https://evil.example/" + "a" * 1000}}
    with caplog.at_level(logging.WARNING, logger="warta.csp"):
        for _ in range(5):
            assert report(long).status_code == 204
        # The next minute's first report first says how many were not logged.
        monkeypatch.setattr(csp_module.time, "monotonic", lambda: 10_000_000.0)
        assert report(CSP2_REPORT).status_code == 204
    lines = [r.getMessage() for r in caplog.records if r.name == "warta.csp"]
    assert len(lines) == 3 + 2
    assert all(len(line) < 300 for line in lines[:3])
    assert lines[3] == "CSP violation reports not logged last minute: 2"
