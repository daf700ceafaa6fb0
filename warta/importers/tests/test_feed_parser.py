"""Feeds are read into plain entries, and one story from two wires is recognised."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from warta.importers.feeds import FeedError, is_near_duplicate, parse_feed, title_key

FIXTURES = Path(__file__).parent / "fixtures"


def test_rss_entries_keep_guid_link_date_and_text():
    first, second = parse_feed((FIXTURES / "wire.rss").read_bytes())
    assert first.guid == "wire-1001"
    assert first.title == "Gempa M5,2 guncang Jayapura"
    assert first.link == "https://wire.example.id/berita/gempa-jayapura"
    assert first.published == datetime(2026, 12, 2, 1, tzinfo=UTC)
    assert "<b>M5,2</b>" in first.summary
    assert second.guid == "wire-1002"


def test_atom_entries_keep_their_content():
    first, second = parse_feed((FIXTURES / "partner.atom").read_bytes())
    assert first.guid == "urn:uuid:mitra-1"
    assert first.link == "https://mitra.example.id/gempa"
    assert "<h2>Ribuan penonton</h2>" in second.content


@pytest.mark.parametrize("data", [b"", b"<html><body>Bukan feed</body></html>", b"\x00\xff"])
def test_what_is_not_a_feed_is_refused(data):
    with pytest.raises(FeedError, match="Not an RSS or Atom feed"):
        parse_feed(data)


def test_headlines_that_differ_in_punctuation_are_one_story():
    assert title_key("Gempa M5,2 guncang Jayapura") == title_key("Gempa M5.2 guncang Jayapura!")
    key = title_key("Festival Danau Sentani resmi dibuka")
    assert (
        is_near_duplicate(key, [title_key("Festival Danau Sentani resmi dibuka hari ini")]) is None
    )
    assert is_near_duplicate(key, [title_key("Festival Danau Sentani resmi di buka")])
    assert is_near_duplicate(key, [title_key("Harga cabai naik di Denpasar")]) is None
