"""Public pages must be shareable by any cache and fail politely in Indonesian."""

import pytest
from django.utils import translation

from warta.core.views import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_paths(article, author):
    return [
        "/",
        "/internasional/",
        "/penulis/",
        "/penulis/" + author.slug + "/",
        "/internasional/" + article.slug + "/",
    ]


def test_public_pages_set_no_cookie_and_do_not_vary_on_cookies(get, public_paths):
    for path in public_paths:
        response = get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", ""), path
        assert "public" in response["Cache-Control"], path
        assert "csrfmiddlewaretoken" not in response.content.decode(), path


def test_a_logged_in_editor_gets_the_same_public_page(get, client, article, django_user_model):
    anonymous = get(article.url).content
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    assert get(article.url).content == anonymous


@pytest.mark.parametrize(
    "path",
    [
        "/rubrik-tidak-ada/",
        "/%ff/",
        "/..%2f..%2fetc/passwd",
        "/internasional/%3Cscript%3E/",
        "/%00/",
        "/internasional/artikel-yang-tidak-ada/",
    ],
)
def test_unknown_and_malformed_paths_answer_404_in_indonesian(get, section, path):
    response = get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert '<html lang="id">' in html


def test_an_oversized_query_string_answers_400_in_indonesian(get, section):
    response = get("/internasional/", QUERY_STRING="q=" + "a" * 5000)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_too_many_query_parameters_answer_400(get, section, settings):
    settings.WARTA_MAX_QUERY_STRING = 100_000
    response = get("/internasional/", QUERY_STRING="&".join(f"a{i}=1" for i in range(1200)))
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()


def test_an_unknown_host_answers_400_not_500(client, section):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_server_errors_render_a_plain_indonesian_page(rf):
    with translation.override("id"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_public_pages_are_compressed_and_the_admin_is_not(get, client, article):
    response = get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Cookie" not in response["Vary"]
    admin = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert admin.status_code == 200
    assert "Content-Encoding" not in admin


def test_error_pages_set_no_cookie_either(get, section):
    response = get("/rubrik-tidak-ada/")
    assert response.status_code == 404
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
