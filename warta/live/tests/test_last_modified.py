"""A live update moves the site's Last-Modified (core.freshness), so caches that
revalidate by date fetch the page again."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.models import LiveEvent

pytestmark = pytest.mark.django_db


def test_a_live_update_moves_last_modified_of_the_pages(get, site):
    topic = make_topic(site)
    coverage = make_coverage(topic)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    PageLogEntry.objects.update(timestamp=an_hour_ago)
    LiveEvent.objects.update(created_at=an_hour_ago)
    paths = [topic.url, "/"]
    before = {path: get(path)["Last-Modified"] for path in paths}
    for path in paths:
        assert get(path, HTTP_IF_MODIFIED_SINCE=before[path]).status_code == 304
    make_update(coverage, text="Air mulai surut di Kuta.")
    for path in paths:
        again = get(path, HTTP_IF_MODIFIED_SINCE=before[path])
        assert again.status_code == 200 and again["Last-Modified"] != before[path], path
    assert "Air mulai surut di Kuta." in get(topic.url).content.decode()
