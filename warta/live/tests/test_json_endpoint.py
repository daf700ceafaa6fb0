"""The shared JSON endpoint for readers without a stream: cacheable, with ETag and 304."""

import json

from django.urls import reverse

from warta.live.factories import make_update
from warta.live.models import LiveEvent


def get_json(client, coverage, **headers):
    return client.get(reverse("live:updates_json", args=[coverage.pk]), headers=headers)


def test_json_lists_the_newest_events_with_a_cursor(client, coverage):
    update = make_update(coverage, "Hujan reda.")
    response = get_json(client, coverage)
    body = json.loads(response.content)
    assert body["status"] == "live"
    assert body["cursor"] == coverage.latest_event_id()
    assert body["since"] == 0
    [event] = body["events"]
    assert event["kind"] == "created" and event["update"] == update.pk
    assert "Hujan reda." in event["html"]


def test_json_is_public_and_answers_an_unchanged_poll_with_304(client, coverage):
    make_update(coverage)
    first = get_json(client, coverage)
    assert "public" in first["Cache-Control"] and "max-age=5" in first["Cache-Control"]
    assert not first.cookies

    again = get_json(client, coverage, **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""

    make_update(coverage)
    changed = get_json(client, coverage, **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_json_window_says_where_it_starts(settings, client, coverage):
    settings.WARTA_LIVE = {**settings.WARTA_LIVE, "JSON_WINDOW": 2}
    updates = [make_update(coverage, f"Nomor {n}.") for n in range(3)]
    body = json.loads(get_json(client, coverage).content)
    assert [e["update"] for e in body["events"]] == [u.pk for u in updates[1:]]
    # A page whose cursor is older than this missed events the window no longer holds.
    assert body["since"] == LiveEvent.objects.get(update_id=updates[0].pk).pk


def test_json_for_an_unknown_coverage_is_a_404_with_a_message(client, db):
    response = client.get(reverse("live:updates_json", args=[424242]))
    assert response.status_code == 404
    assert json.loads(response.content)["error"] == "Tidak ada liputan langsung dengan nomor ini."


def test_coverage_of_an_unpublished_or_private_page_is_not_served(client, coverage, topic):
    from wagtail.models import PageViewRestriction

    make_update(coverage, "Belum untuk umum.")
    PageViewRestriction.objects.create(
        page=topic, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    assert get_json(client, coverage).status_code == 404
    PageViewRestriction.objects.all().delete()
    topic.unpublish()
    assert get_json(client, coverage).status_code == 404
