"""Public HTML revalidates: an ETag, 304 for a cache that has the bytes, stale allowances."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def html_paths(article, author):
    return ["/", "/internasional/", "/penulis/" + author.slug + "/", article.url]


def test_public_html_carries_an_etag_and_answers_304_when_the_client_has_it(get, html_paths):
    for path in html_paths:
        first = get(path)
        assert first.status_code == 200 and first.has_header("ETag"), path
        again = get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b"", path
        assert again["ETag"] == first["ETag"]


def test_a_gzipped_response_revalidates_with_its_weak_tag(get, article):
    first = get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith('W/"')
    again = get(article.url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_an_edit_changes_the_tag_so_caches_fetch_the_new_page(get, article):
    before = get(article.url)["ETag"]
    article.title = "Judul yang sudah diperbaiki"
    article.save_revision().publish()
    after = get(article.url, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before
    assert "Judul yang sudah diperbaiki" in after.content.decode()


def test_shared_caches_may_serve_stale_while_revalidating_and_on_errors(get, article, settings):
    settings.WARTA_STALE_WHILE_REVALIDATE = 17
    settings.WARTA_STALE_IF_ERROR = 3600
    control = get(article.url)["Cache-Control"]
    assert "public" in control and "stale-while-revalidate=17" in control
    assert "stale-if-error=3600" in control
