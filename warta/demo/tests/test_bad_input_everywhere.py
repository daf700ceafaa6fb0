"""Bad input, everywhere: every public URL and every parameter its view reads, fuzzed.

Hypothesis draws query strings for each public URL pattern — the parameters
the views read (see PARAMETERS), unknown ones, repeated ones — with values at
the edges: dates at the ends of the calendar and with odd offsets, huge and
negative numbers, NaN and infinities, unicode, empty strings, control
characters. The property: no answer is a 5xx (the test client re-raises an
exception in a view, so a crash fails the test with its traceback).

The read API has its own schema-driven fuzzing (api/tests/test_openapi.py);
its list URLs are here too, for the parameters a schema does not describe.
"""

import string
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import quote, urlencode

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.articles.factories import make_article, make_author, publish
from warta.articles.models import StandingPage
from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.tests.streams import run_in_thread
from warta.maps.models import MapPage

EXAMPLES = 20
# Every parameter of every URL is also sent alone with each of these: the
# edges a random draw may miss (a window before year 1 needs exactly one bad
# date and nothing else wrong in the query).
SWEEP = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01",
    "9999-12-31",
    "9" * 40,
    "-1",
    "NaN",
    "-inf",
    "١٢٣",
    "²",
    "",
    "\x00😀",
]


def offset_dates():
    """ISO date-times anywhere in the calendar, naive or with any offset up to ±23:59."""
    offsets = st.one_of(
        st.just(None),
        st.just(UTC),
        st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m))),
    )
    return st.builds(
        lambda moment, zone: moment.replace(tzinfo=zone).isoformat(),
        st.datetimes(min_value=datetime.min, max_value=datetime.max),
        offsets,
    )


EDGES = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1",
        "01",
        "1e9",
        "9" * 40,
        "-" + "9" * 40,
        str(2**63),
        str(2**64),
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "0x10",
        "1.5",
        "١٢٣",  # Arabic-Indic digits: isdigit() is true, int() accepts them
        "²",  # isdigit() is true, int() refuses it
        "0001-01-01",
        "9999-12-31",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T23:59:59.999999-23:59",
        "2026-02-30",
        "2026-13-01",
        "2026-11-26T25:61:61",
        "1970-01-01T00:00:00",
        "\x00",
        "\u202e",
        "😀",
        "Денпасар",
        "%00",
        "<script>",
        "' OR 1=1 --",
        "../..",
        "a,b,c,d",
        "-180,-90,180,90",
        "115,-9,116,-8",
        "1,2,3,4,5",
        "nan,nan,nan,nan",
        "terbaru",
        "daftar",
        "article,live",
    ]
)

VALUES = st.one_of(
    EDGES,
    offset_dates(),
    st.dates(min_value=datetime.min.date(), max_value=datetime.max.date()).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=40),
    st.text(alphabet=string.digits + ",.-+eE", max_size=20),
)

# What each kind of public URL reads from its query string.
MAP = ["site", "section", "topic", "days", "since", "until", "bbox", "limit", "page", "kind"]
PARAMETERS = {
    "home": ["page", "p"],
    "section": ["page"],
    "topic index": ["page"],
    "topic (live)": ["page", "live_page"],
    "article": ["p", "page_id"],
    "author index": ["page"],
    "author": ["page"],
    "standing page": [],
    "map page": [*MAP, "tampilan"],
    "map JSON": MAP,
    "map outline": [],
    "live JSON": [],
    "search": ["q", "rubrik", "jenis", "dari", "sampai", "urut", "hal"],
    "search redirect": ["q"],
    "opensearch": [],
    "feed": [],
    "feed atom": [],
    "feed json": [],
    "feed section": [],
    "feed tag": [],
    "sitemap index": [],
    "sitemap page": [],
    "sitemap news": [],
    "robots": [],
    "API articles": [
        "site",
        "section",
        "topic",
        "tag",
        "author",
        "updated_since",
        "cursor",
        "limit",
    ],
    "API sections": ["site", "cursor", "limit"],
    "API live updates": ["cursor", "limit"],
    "unknown page": ["page"],
}


@pytest.fixture
def urls(site, section, settings):
    """Demo-like content: every page type once, with a live coverage, a map and feeds."""
    settings.WARTA_API_RATE_REQUESTS = 10**9
    author = make_author(site, "Ni Luh Ayu")
    article = make_article(
        section, title="Banjir di Denpasar", authors=[author], place_name="Denpasar"
    )
    article.tags.add("banjir")
    article.save_revision().publish()
    topic = make_topic(site)
    coverage = make_coverage(topic)
    make_update(coverage, "Air mulai surut.", headline="Terbaru")
    publish(site.root_page.specific, MapPage(title="Peta", slug="peta"))
    standing = publish(site.root_page.specific, StandingPage(title="Tentang kami", slug="tentang"))
    return {
        "home": "/",
        "section": section.url,
        "topic index": topic.get_parent().url,
        "topic (live)": topic.url,
        "article": article.url,
        "author index": author.get_parent().url,
        "author": author.url,
        "standing page": standing.url,
        "map page": "/peta/",
        "map JSON": reverse("maps:points"),
        "map outline": reverse("maps:outline"),
        "live JSON": reverse("live:updates_json", args=[coverage.pk]),
        "search": "/cari/",
        "search redirect": "/search/",
        "opensearch": "/opensearch.xml",
        "feed": "/feed/",
        "feed atom": "/feed/atom/",
        "feed json": "/feed/json/",
        "feed section": f"/feed/rubrik/{section.slug}/",
        "feed tag": "/feed/tag/banjir/json/",
        "sitemap index": "/sitemap.xml",
        "sitemap page": "/sitemap-1.xml",
        "sitemap news": "/sitemap-news.xml",
        "robots": "/robots.txt",
        "API articles": "/api/v1/articles",
        "API sections": "/api/v1/sections",
        "API live updates": f"/api/v1/live-coverages/{coverage.pk}/updates",
        "unknown page": "/tidak-ada/😀/",
    }


def query_strategy(names):
    """(name, value) pairs: mostly the names the view reads (sometimes repeated), else any."""
    if not names:
        return st.lists(st.tuples(st.text(max_size=8), VALUES), max_size=3)
    known = st.lists(st.tuples(st.sampled_from(names), VALUES), max_size=5)
    anything = st.lists(
        st.tuples(
            st.one_of(st.sampled_from(names), st.sampled_from(["x", "", "page[]", "ü"])), VALUES
        ),
        max_size=6,
    )
    return st.one_of(known, known, anything)


def test_every_public_url_answers_without_data(client, site, urls):
    """The baseline the fuzzing starts from: each URL is reachable as it is."""
    assert set(urls) == set(PARAMETERS)
    for name, path in urls.items():
        status = client.get(path, HTTP_HOST=site.hostname).status_code
        expected = {"unknown page": 404, "search redirect": 301}.get(name, 200)
        assert status == expected, (name, path, status)


def test_no_parameter_at_an_edge_gets_a_server_error(site, urls):
    client = Client(raise_request_exception=False)  # collect every failure, then report
    failures = []
    for name, names in PARAMETERS.items():
        for parameter in names:
            for value in SWEEP:
                url = f"{urls[name]}?{urlencode({parameter: value})}"
                status = client.get(url, HTTP_HOST=site.hostname).status_code
                if status >= 500:
                    failures.append((name, url, status))
    assert failures == []


def test_no_query_string_gets_a_server_error(client, site, urls):
    """Each example sends one drawn query string to every URL: EXAMPLES per URL pattern."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.fixed_dictionaries({name: query_strategy(names) for name, names in PARAMETERS.items()})
    )
    def check(queries):
        for name, pairs in queries.items():
            url = f"{urls[name]}?{urlencode(pairs)}"
            response = client.get(url, HTTP_HOST=site.hostname)
            assert response.status_code < 500, (name, url, response.status_code)

    check()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.one_of(
            st.text(min_size=1, max_size=12).filter(lambda s: "/" not in s),
            st.sampled_from(["..", "%2e%2e", "%00", "feed", "sitemap-0.xml", "sitemap-99999.xml"]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_no_path_gets_a_server_error(client, site, urls, segments):
    for prefix in ("/", "/feed/", "/api/peta/", "/live/", "/media/images/", "/api/v1/"):
        path = prefix + "/".join(quote(s, safe="") for s in segments) + "/"
        response = client.get(path, HTTP_HOST=site.hostname)
        assert response.status_code < 500, (path, response.status_code)


def close(response):
    """End an open stream as the test client does: without closing the test's connection."""
    signals.request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        signals.request_finished.connect(close_old_connections)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.one_of(VALUES, st.text(alphabet=string.printable, max_size=30)))
def test_no_live_cursor_gets_a_server_error(client, site, urls, cursor):
    """The stream's Last-Event-ID and ?after= cursor; a stream that opens is closed at once."""
    path = urls["live JSON"].replace("updates.json", "events")
    for extra in ({"data": {"after": cursor}}, {"HTTP_LAST_EVENT_ID": cursor.replace("\n", "")}):
        # Beside the session browser's event loop, where the client cannot read a stream.
        response = run_in_thread(client.get, path, HTTP_HOST=site.hostname, **extra)
        assert response.status_code < 500
        run_in_thread(close, response)
