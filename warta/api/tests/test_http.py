"""What every answer carries: ETag and 304, public caching, read-only CORS, the rate limit."""

from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_a_client_with_the_etag_gets_a_304(api, article):
    first = api("articles")
    assert first.status_code == 200
    etag = first["ETag"]
    again = api("articles", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "public" in again["Cache-Control"]


def test_the_etag_changes_when_the_article_does(api, article):
    etag = api(f"articles/{article.pk}")["ETag"]
    article.title = "Judul baru"
    article.save_revision().publish()
    response = api(f"articles/{article.pk}", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_answers_are_public_and_carry_nothing_about_the_reader(api, article, settings):
    settings.WARTA_PAGE_MAX_AGE = 120
    response = api("articles")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=120"} <= directives
    assert not directives & {"private", "no-cache", "no-store"}
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_cors_lets_any_origin_read_but_not_write(api, client, site, article):
    response = api("articles", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/articles",
        HTTP_HOST=site.hostname,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    for method in ("post", "put", "patch", "delete"):
        refused = getattr(client, method)("/api/v1/articles", HTTP_HOST=site.hostname)
        assert refused.status_code == 405
        assert refused["Allow"] == "GET, HEAD, OPTIONS"
        assert refused.json()["detail"] == "API ini hanya membaca: pakai GET, HEAD, atau OPTIONS."


def test_head_is_get_without_the_body(api, client, site, article):
    got = api(f"articles/{article.pk}")
    head = client.head(f"/api/v1/articles/{article.pk}", HTTP_HOST=site.hostname)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]


def test_one_address_over_the_limit_gets_429_others_do_not(api, article, settings):
    settings.WARTA_API_RATE_REQUESTS = 3
    for _ in range(3):
        assert api("sections", REMOTE_ADDR="10.0.0.1").status_code == 200
    over = api("sections", REMOTE_ADDR="10.0.0.1")
    assert over.status_code == 429
    assert int(over["Retry-After"]) >= 1
    assert "no-store" in over["Cache-Control"]
    assert over.data["detail_en"].startswith("Too many requests")
    assert api("sections", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forwarded_for_header_does_not_reset_the_limit(api, article, settings):
    settings.WARTA_API_RATE_REQUESTS = 1
    assert api("sections", REMOTE_ADDR="10.0.0.3").status_code == 200
    spoofed = api("sections", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="192.0.2.9")
    assert spoofed.status_code == 429


def test_a_dead_cache_lets_requests_through(api, article, settings):
    settings.WARTA_API_RATE_REQUESTS = 1
    with mock.patch("warta.api.http.cache.incr", side_effect=ConnectionError("down")):
        for _ in range(3):
            assert api("sections").status_code == 200
