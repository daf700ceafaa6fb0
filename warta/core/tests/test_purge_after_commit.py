"""Purges wait for the commit, go out once per transaction, and a rollback sends none."""

from unittest import mock

import pytest
from django.db import transaction

from warta.core.purge import purge_on_commit

pytestmark = pytest.mark.django_db
# Where every purge goes out: Wagtail's frontend_cache.
PURGE = "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache"


class Rollback(Exception):
    pass


@pytest.fixture
def filled():
    return []


@pytest.fixture
def fill(filled):
    def add_story(batch, slug):
        filled.append(slug)
        batch.add_url(f"https://warta.example/{slug}/")

    return add_story


def purged_urls(purge):
    return [sorted(call.args[0]) for call in purge.call_args_list]


def test_one_transaction_sends_one_purge_after_commit_each_url_filled_once(
    fill, filled, django_capture_on_commit_callbacks
):
    with mock.patch(PURGE) as purge, django_capture_on_commit_callbacks(execute=True):
        purge_on_commit(fill, "banjir")
        purge_on_commit(fill, "banjir")
        purge_on_commit(fill, "gempa")
        assert not purge.called and filled == []
    assert filled == ["banjir", "gempa"]
    assert purged_urls(purge) == [["https://warta.example/banjir/", "https://warta.example/gempa/"]]


def test_a_rolled_back_change_purges_nothing_and_the_next_change_still_purges(
    fill, django_capture_on_commit_callbacks
):
    with mock.patch(PURGE) as purge, django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Rollback), transaction.atomic():
            purge_on_commit(fill, "dibatalkan")
            raise Rollback
        purge_on_commit(fill, "banjir")
    assert purged_urls(purge) == [["https://warta.example/banjir/"]]


def test_after_a_purge_is_sent_the_next_change_queues_another(
    fill, django_capture_on_commit_callbacks
):
    with mock.patch(PURGE) as purge:
        for slug in ("banjir", "banjir"):
            with django_capture_on_commit_callbacks(execute=True):
                purge_on_commit(fill, slug)
    assert purged_urls(purge) == [["https://warta.example/banjir/"]] * 2
