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


def backdate_page_actions(hours=1):
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import PageLogEntry

    PageLogEntry.objects.update(timestamp=timezone.now() - timedelta(hours=hours))


def test_public_html_carries_last_modified_and_answers_304_to_if_modified_since(get, html_paths):
    backdate_page_actions()
    for path in html_paths:
        first = get(path)
        assert first.status_code == 200 and first.has_header("Last-Modified"), path
        modified = first["Last-Modified"]
        assert get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304, path
        earlier = "Thu, 01 Jan 2026 00:00:00 GMT"
        assert get(path, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200, path


def test_publishing_any_page_moves_last_modified_of_every_page(get, article, html_paths):
    backdate_page_actions()
    before = {path: get(path)["Last-Modified"] for path in html_paths}
    article.title = "Judul yang sudah diperbaiki"
    article.save_revision().publish()
    for path in html_paths:
        again = get(path, HTTP_IF_MODIFIED_SINCE=before[path])
        assert again.status_code == 200, path
        assert again["Last-Modified"] != before[path], path


def test_an_unpublished_page_moves_last_modified_too(get, article):
    home = "/"
    backdate_page_actions()
    before = get(home)["Last-Modified"]
    article.unpublish()
    again = get(home, HTTP_IF_MODIFIED_SINCE=before)
    assert again.status_code == 200 and article.title not in again.content.decode()


def test_shared_caches_get_s_maxage(get, article, settings):
    settings.WARTA_PAGE_MAX_AGE = 30
    settings.WARTA_SHARED_MAX_AGE = 600
    control = get(article.url)["Cache-Control"]
    assert "max-age=30" in control and "s-maxage=600" in control


def test_an_explicit_max_age_is_the_shared_one_too():
    from django.http import HttpResponse

    from warta.core.http import public

    control = public(HttpResponse(), max_age=5)["Cache-Control"]
    assert "max-age=5" in control and "s-maxage=5" in control
