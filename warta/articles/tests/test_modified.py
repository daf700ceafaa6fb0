"""The modified-time registry: a page's change time is the latest of its sources."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from warta.articles import modified


@pytest.fixture
def clean_sources(monkeypatch):
    monkeypatch.setattr(modified, "_sources", [])


def page(pk, last):
    return SimpleNamespace(pk=pk, last_published_at=last)


def test_without_sources_the_last_publication_counts(clean_sources):
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    assert modified.modified_time(page(1, moment)) == moment


def test_a_later_source_moves_the_time_and_an_earlier_one_does_not(clean_sources):
    base = datetime(2026, 1, 1, tzinfo=UTC)
    later = datetime(2026, 2, 1, tzinfo=UTC)
    earlier = datetime(2025, 12, 1, tzinfo=UTC)
    calls = []

    def source(pages):
        calls.append([p.pk for p in pages])
        return {1: later, 2: earlier, 99: later}

    modified.register_modified_source(source)
    modified.register_modified_source(source)  # registering twice is one source
    times = modified.modified_times([page(1, base), page(2, base), page(3, None)])
    assert times == {1: later, 2: base, 3: None}
    assert calls == [[1, 2, 3]]  # one call for all pages, not one per page


def test_a_never_published_page_takes_its_source_time(clean_sources):
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    modified.register_modified_source(lambda pages: {7: moment})
    assert modified.modified_time(page(7, None)) == moment
