"""Feeds served by real local HTTP servers are polled into drafts.

The servers listen on 127.0.0.1, which the fetcher's guard refuses: each test
trusts the feed server's own address and port for the first hop only
(`trusted_first_hop`), as an operator's allow-list would name a public
host. Redirects are never trusted, so a feed that redirects to another local
port is refused before that port is contacted (its canary counts no hits).
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from warta.articles.models import ArticlePage
from warta.importers import ingest
from warta.importers.ingest import poll
from warta.importers.models import FeedItem, FeedSource

from .servers import Served

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
RSS = (200, {"Content-Type": "application/rss+xml"}, (FIXTURES / "wire.rss").read_bytes())
ATOM = (200, {"Content-Type": "application/atom+xml"}, (FIXTURES / "partner.atom").read_bytes())


@pytest.fixture
def server():
    served = Served({"/wire.rss": RSS, "/partner.atom": ATOM})
    yield served
    served.close()


@pytest.fixture
def canary():
    served = Served({"/steal": (200, {"Content-Type": "application/rss+xml"}, b"<rss/>")})
    yield served
    served.close()


@pytest.fixture
def source(site, section, server):
    def make(path="/wire.rss", name="Kantor Berita Contoh", **fields):
        return FeedSource.objects.create(
            name=name, url=server.url(path), site=site, section=section, **fields
        )

    return make


def test_rss_entries_become_drafts_crediting_the_source(source, server, section):
    feed = source()
    result = poll(feed, trusted_first_hop=server.trusted)
    assert (result.drafted, result.error) == (2, "")
    quake = ArticlePage.objects.get(title="Gempa M5,2 guncang Jayapura")
    assert not quake.live
    assert quake.get_parent().pk == section.pk
    assert quake.standfirst.startswith("Gempa berkekuatan M5,2")
    sources = [block.value.source for block in quake.body]
    assert sources[0] == "<p>Gempa berkekuatan <b>M5,2</b> mengguncang Jayapura pagi ini.</p>"
    assert "script" not in "".join(sources)
    assert sources[-1] == (
        '<p>Sumber: <a href="https://wire.example.id/berita/gempa-jayapura">'
        "Kantor Berita Contoh</a></p>"
    )
    item = FeedItem.objects.get(guid="wire-1001")
    assert (item.page_id, item.link) == (quake.pk, "https://wire.example.id/berita/gempa-jayapura")
    feed.refresh_from_db()
    assert feed.last_polled_at is not None
    assert feed.next_poll_at > timezone.now()


def test_atom_entries_become_drafts(source, server):
    result = poll(source("/partner.atom", "Mitra Papua"), trusted_first_hop=server.trusted)
    assert result.drafted == 2
    festival = ArticlePage.objects.get(title="Festival Danau Sentani dibuka")
    assert [block.block_type for block in festival.body] == [
        "paragraph", "heading", "paragraph", "paragraph"
    ]  # fmt: skip
    assert not festival.live


def test_an_entry_is_drafted_once(source, server):
    feed = source()
    poll(feed, trusted_first_hop=server.trusted)
    again = poll(feed, trusted_first_hop=server.trusted)
    assert again.drafted == 0
    assert ArticlePage.objects.count() == 2


def test_the_same_story_from_another_wire_is_not_drafted_again(source, server):
    poll(source(), trusted_first_hop=server.trusted)
    result = poll(source("/partner.atom", "Mitra Papua"), trusted_first_hop=server.trusted)
    assert (result.drafted, result.duplicates) == (1, 1)
    duplicate = FeedItem.objects.get(guid="urn:uuid:mitra-1")
    assert duplicate.page is None
    assert duplicate.duplicate_of.guid == "wire-1001"


def test_an_unchanged_feed_is_asked_with_its_etag_and_last_modified(source, server):
    def conditional(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return (304, {}, b"")
        status, headers, body = RSS
        return (
            status,
            {**headers, "ETag": '"v1"', "Last-Modified": "Wed, 02 Dec 2026 01:00:00 GMT"},
            body,
        )

    server.routes["/wire.rss"] = conditional
    feed = source()
    poll(feed, trusted_first_hop=server.trusted)
    result = poll(feed, trusted_first_hop=server.trusted)
    assert result.unchanged
    _, headers = server.hits[-1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 02 Dec 2026 01:00:00 GMT"
    assert ArticlePage.objects.count() == 2


def test_a_malformed_feed_is_reported_and_drafts_nothing(source, server):
    server.routes["/broken.xml"] = (200, {"Content-Type": "text/xml"}, b"<html><p>Maaf")
    feed = source("/broken.xml")
    result = poll(feed, trusted_first_hop=server.trusted)
    assert "Not an RSS or Atom feed" in result.error
    feed.refresh_from_db()
    assert "Not an RSS or Atom feed" in feed.last_error
    assert not ArticlePage.objects.exists()


def test_a_redirect_to_a_local_address_is_refused(source, server, canary):
    server.routes["/moved"] = (302, {"Location": canary.url("/steal")}, b"")
    result = poll(source("/moved"), trusted_first_hop=server.trusted)
    assert "resolves to 127.0.0.1, a non-public address; refused" in result.error
    assert [path for path, _ in server.hits] == ["/moved"]
    assert canary.hits == []


def test_a_local_address_is_refused_on_the_first_hop_too(source, server):
    result = poll(source())
    assert "non-public address; refused" in result.error
    assert server.hits == []


def test_only_the_allowed_host_is_fetched(source, server):
    result = poll(source(allowed_host="wire.example.id"), trusted_first_hop=server.trusted)
    assert "127.0.0.1 is not an allowed host" in result.error
    assert server.hits == []


def test_a_feed_over_the_size_limit_is_refused(source, server, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FEED_BYTES", 500)
    result = poll(source(), trusted_first_hop=server.trusted)
    assert "larger than 500 bytes" in result.error
    assert not ArticlePage.objects.exists()


def test_a_feed_of_the_wrong_type_is_refused(source, server):
    server.routes["/page"] = (200, {"Content-Type": "text/html"}, b"<html></html>")
    result = poll(source("/page"), trusted_first_hop=server.trusted)
    assert "is text/html; not accepted" in result.error


def test_poll_feeds_polls_the_due_sources_only(source):
    due = source()
    later = source(name="Nanti", interval_minutes=60)
    later.schedule_next()
    later.save()
    call_command("poll_feeds", verbosity=0)
    due.refresh_from_db()
    # Polled (by the task, run at once in tests) through the guard, which refuses 127.0.0.1.
    assert due.last_polled_at is not None
    assert "non-public address" in due.last_error
    later_before = later.next_poll_at
    later.refresh_from_db()
    assert later.next_poll_at == later_before
    assert later.last_error == ""
