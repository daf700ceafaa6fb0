"""The search page: publishing feeds the index; filters, pages and bad input answer clearly."""

import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.rich_text import RichText

from warta.articles.factories import make_article, make_section, make_site
from warta.discovery.models import SearchEntry


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture
def stories(section):
    return [
        make_article(
            section,
            title="Harga beras meningkat di Denpasar",
            standfirst="Pedagang di Pasar Badung mengeluh.",
            body=body("Kenaikan harga membuat warga <b>Denpasar</b> resah."),
            published_at=datetime.fromisoformat("2024-03-01T02:00:00+00:00"),
        ),
        make_article(
            section,
            title="Festival layang-layang di Sanur",
            body=body("Ribuan penonton datang ke pantai Sanur."),
            story_type="opini",
            published_at=datetime.fromisoformat("2024-05-10T02:00:00+00:00"),
        ),
    ]


def test_publishing_indexes_and_unpublishing_removes(stories):
    rice, kite = stories
    entry = SearchEntry.objects.get(pk=rice.pk)
    assert entry.section_id == rice.get_parent().pk
    assert "tingkat" in entry.title_terms.split()  # the root meN- hid
    rice.unpublish()
    assert not SearchEntry.objects.filter(pk=rice.pk).exists()
    kite.delete()
    assert not SearchEntry.objects.exists()


def test_affixed_query_finds_the_root_and_marks_it(get, stories):
    response = get("/cari/", data={"q": "peningkatan harga"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Harga beras <mark>meningkat</mark>" in html or "<mark>Harga</mark>" in html
    assert "Festival" not in html
    assert "public" in response["Cache-Control"]
    assert "<b>" not in html.split("search-results")[1]  # body markup stripped, text escaped


def test_snippet_escapes_everything_but_the_marks(get, section):
    make_article(
        section, title="Skrip <script>alert(1)</script> Kuta", body=body("Kuta &amp; Legian")
    )
    html = get("/cari/", data={"q": "kuta"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Kuta</mark>" in html


def test_only_the_requests_site(client, stories):
    other = make_site("PAPUAKINI", "papuakini.localhost", "Asia/Jayapura", default=False)
    make_article(make_section(other, "Jayapura"), title="Harga beras di Jayapura")
    html = client.get("/cari/", {"q": "beras"}, HTTP_HOST="papuakini.localhost").content.decode()
    assert "Jayapura" in html and "Denpasar" not in html


def test_filters_type_and_dates(get, stories):
    assert "Festival" in get("/cari/", data={"q": "sanur", "jenis": "opini"}).content.decode()
    assert "Festival" not in get("/cari/", data={"q": "sanur", "jenis": "berita"}).content.decode()
    html = get(
        "/cari/", data={"q": "sanur", "dari": "2024-06-01", "sampai": "2024-05-01"}
    ).content.decode()
    assert "ditukar" in html or "swapped" in html
    assert "Festival" in html
    html = get("/cari/", data={"q": "sanur", "dari": "2024-05-11"}).content.decode()
    assert "Festival" not in html


def test_unknown_filters_are_ignored_with_a_message(get, stories):
    html = get(
        "/cari/", data={"q": "sanur", "rubrik": "tidak-ada", "jenis": "x", "dari": "kemarin"}
    ).content.decode()
    assert "Festival" in html
    assert html.count('class="search-message"') == 3


@pytest.mark.parametrize(
    "dates",
    [
        {"sampai": "9999-12-31"},  # the day after it is past the calendar
        {"dari": "0001-01-01"},  # before year 1 once the site's offset is applied
        {"dari": "1899-12-31", "sampai": "9000-01-02"},
    ],
)
def test_dates_at_the_edges_of_the_calendar_are_ignored_with_a_message(get, stories, dates):
    response = get("/cari/", data={"q": "sanur", **dates})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Festival" in html
    assert html.count('class="search-message"') == 1


@pytest.mark.parametrize("number", ["²", "١٢٣", "1²"])
def test_page_numbers_in_other_digits_are_the_first_page(get, stories, number):
    assert get("/cari/", data={"q": "sanur", "hal": number}).status_code == 200


def test_sort_newest(get, stories):
    html = get("/cari/", data={"q": "di", "urut": "terbaru"}).content.decode()
    # "di" is a stopword: no usable words
    assert "search-empty" in html
    html = get(
        "/cari/", data={"q": "denpasar sanur harga festival", "urut": "terbaru"}
    ).content.decode()
    assert "search-none" in html  # AND of every word


def test_pagination_page_beyond_the_end_is_the_last_page(
    get, section, django_assert_max_num_queries
):
    from warta.discovery import search

    for i in range(12):
        make_article(section, title=f"Upacara Melasti ke-{i}", slug=f"melasti-{i}")
    with django_assert_max_num_queries(20):
        response = get("/cari/", data={"q": "melasti", "hal": str(10**9)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 of 2" in html or "2 dari 2" in html
    assert html.count('class="search-result"') == 12 - search.PER_PAGE


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 1_500,
        '"',
        "*",
        "NEAR(",
        "-denpasar",
        "OR",
        "((harga",
        "harga)",
        "AND OR NOT",
        "'",
    ],
)
def test_bad_queries_answer_clearly(get, stories, query):
    started = time.monotonic()
    response = get("/cari/", data={"q": query, "hal": "abc"})
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0


def test_a_10000_character_query_is_refused_clearly(get, stories):
    # The project-wide guard (warta/core/middleware.py) refuses long query strings
    # before any view runs; the page says why, in the reader's language.
    response = get("/cari/", data={"q": "harga " * 1_700})
    assert response.status_code == 400
    assert b"<html" in response.content


def test_typo_gets_a_suggestion(get, stories):
    html = get("/cari/", data={"q": "festifal"}).content.decode()
    assert "search-corrected" in html and "Festival" in html
    html = get("/cari/", data={"q": "festival kuta"}).content.decode()
    assert "search-none" in html
    assert "?q=festival%20kuta" not in html  # nothing close to "kuta": no suggestion


def test_search_redirect_and_opensearch(get, site):
    response = get("/search/", data={"q": "bali"})
    assert response.status_code == 301 and response["Location"] == "/cari/?q=bali"
    response = get("/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "/cari/?q={searchTerms}" in response.content.decode()
    assert 'rel="search"' in get("/cari/").content.decode()


def test_rebuild_command(stories, capsys):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert SearchEntry.objects.count() == 2
    assert "2/2" in capsys.readouterr().out


PIECES = st.sampled_from(
    [
        "harga",
        "beras",
        "sanur",
        '"',
        "*",
        "NEAR",
        "-",
        "OR",
        "AND",
        "NOT",
        "(",
        ")",
        "^",
        ":",
        "'",
        "&",
        "|",
        "!",
        " ",
        "é",
        "ت",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join))
def test_any_query_answers_quickly(get, stories, query):
    started = time.monotonic()
    response = get("/cari/", data={"q": query})
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0
