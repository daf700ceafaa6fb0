"""A live update moves its page's modified time (JSON-LD, sitemaps, feeds read it)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from warta.articles.modified import modified_time, modified_times
from warta.live.factories import make_update
from warta.live.models import LiveEvent
from warta.live.modified import latest_event_times

pytestmark = pytest.mark.django_db


def test_the_newest_event_is_the_pages_modified_time(coverage, topic):
    make_update(coverage)
    later = timezone.now() + timedelta(hours=3)
    LiveEvent.objects.filter(coverage=coverage).update(created_at=later)
    assert modified_time(topic) == later


def test_pages_without_coverage_keep_their_publication_time(coverage, topic, site):
    home = site.root_page.specific
    times = modified_times([home, topic])
    assert times[home.pk] == home.last_published_at


def test_one_query_for_many_pages(coverage, topic, site, django_assert_num_queries):
    make_update(coverage)
    pages = [topic, site.root_page]
    with django_assert_num_queries(1):
        assert set(latest_event_times(pages)) == {topic.pk}
