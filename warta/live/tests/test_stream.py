"""The Server-Sent Events stream: new, edited and deleted updates, replay, bad cursors."""

import json
from urllib.parse import urlencode

import pytest
from asgiref.sync import sync_to_async
from django.test import AsyncClient
from django.urls import reverse

from warta.live import services
from warta.live.backends import get_broadcaster, reset_broadcaster
from warta.live.factories import make_update
from warta.live.models import LiveEvent
from warta.live.tests.streams import next_frame, parse_frame, run_async


@pytest.fixture
def stream_url(coverage):
    return reverse("live:stream", args=[coverage.pk])


async def open_stream(url, **headers):
    return await AsyncClient().get(url, headers=headers)


def test_stream_pushes_new_edited_and_deleted_updates(
    coverage, stream_url, django_capture_on_commit_callbacks
):
    def change(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    async def scenario():
        response = await open_stream(stream_url)
        assert response["Content-Type"] == "text/event-stream"
        assert "no-cache" in response["Cache-Control"]
        frames = aiter(response.streaming_content)
        assert (await next_frame(frames)).startswith("retry:")

        update = await sync_to_async(change)(lambda: make_update(coverage, "Jembatan putus."))
        update_pk = update.pk
        created = parse_frame(await next_frame(frames))
        update.headline = "Jembatan Tukad putus"
        await sync_to_async(change)(lambda: services.edit(update))
        edited = parse_frame(await next_frame(frames))
        await sync_to_async(change)(lambda: services.withdraw(update))
        deleted = parse_frame(await next_frame(frames))
        await frames.aclose()
        return update_pk, created, edited, deleted

    update_pk, created, edited, deleted = run_async(scenario)

    assert created["event"] == "created"
    assert "Jembatan putus." in json.loads(created["data"])["html"]
    assert edited["event"] == "edited"
    assert json.loads(edited["data"])["headline"] == "Jembatan Tukad putus"
    assert deleted["event"] == "deleted"
    assert json.loads(deleted["data"])["update"] == update_pk
    assert int(created["id"]) < int(edited["id"]) < int(deleted["id"])
    assert get_broadcaster().subscriber_count() == 0


def test_reconnect_with_last_event_id_replays_what_was_missed(coverage, stream_url):
    first, second, third = (make_update(coverage, f"Nomor {n}.") for n in range(3))
    seen = LiveEvent.objects.get(update_id=first.pk).pk

    async def scenario():
        response = await open_stream(stream_url, **{"Last-Event-ID": str(seen)})
        frames = aiter(response.streaming_content)
        await next_frame(frames)  # retry
        replayed = [parse_frame(await next_frame(frames)) for _ in range(2)]
        await frames.aclose()
        return replayed

    replayed = run_async(scenario)
    assert [json.loads(f["data"])["update"] for f in replayed] == [second.pk, third.pk]


def test_the_page_cursor_works_like_last_event_id(coverage, stream_url):
    make_update(coverage, "Satu.")
    missed = make_update(coverage, "Dua.")
    cursor = LiveEvent.objects.exclude(update_id=missed.pk).get().pk

    async def scenario():
        response = await open_stream(f"{stream_url}?after={cursor}")
        frames = aiter(response.streaming_content)
        await next_frame(frames)
        frame = parse_frame(await next_frame(frames))
        await frames.aclose()
        return frame

    assert json.loads(run_async(scenario)["data"])["update"] == missed.pk


@pytest.mark.parametrize("forged", ["abc", "-1", "1e3", "9" * 40])
def test_a_malformed_last_event_id_is_refused_with_a_message(coverage, stream_url, forged):
    response = run_async(open_stream, stream_url, **{"Last-Event-ID": forged})
    assert response.status_code == 400
    assert "Last-Event-ID harus berupa nomor" in json.loads(response.content)["error"]
    assert get_broadcaster().subscriber_count() == 0


@pytest.mark.parametrize("forged", ["١٢", "²", "12 OR 1=1"])
def test_a_malformed_cursor_in_the_query_string_is_refused(coverage, stream_url, forged):
    response = run_async(open_stream, f"{stream_url}?{urlencode({'after': forged})}")
    assert response.status_code == 400
    assert "Last-Event-ID harus berupa nomor" in json.loads(response.content)["error"]
    assert get_broadcaster().subscriber_count() == 0


def test_a_last_event_id_beyond_the_log_resets_the_page(coverage, stream_url):
    make_update(coverage)
    latest = coverage.latest_event_id()

    async def scenario():
        response = await open_stream(stream_url, **{"Last-Event-ID": str(latest + 1000)})
        frames = aiter(response.streaming_content)
        await next_frame(frames)
        frame = parse_frame(await next_frame(frames))
        await frames.aclose()
        return frame

    frame = run_async(scenario)
    assert frame["event"] == "reset"
    assert frame["id"] == str(latest)


def test_too_many_missed_events_reset_instead_of_replaying(settings, coverage, stream_url):
    settings.WARTA_LIVE = {**settings.WARTA_LIVE, "MAX_REPLAY": 2}
    for n in range(4):
        make_update(coverage, f"Nomor {n}.")

    async def scenario():
        response = await open_stream(stream_url, **{"Last-Event-ID": "0"})
        frames = aiter(response.streaming_content)
        await next_frame(frames)
        frame = parse_frame(await next_frame(frames))
        await frames.aclose()
        return frame

    assert run_async(scenario)["event"] == "reset"


@pytest.mark.parametrize("coverage_id", [999999, 2**70])
def test_an_unknown_coverage_is_a_404_with_a_message(db, coverage_id):
    url = reverse("live:stream", args=[coverage_id])
    response = run_async(open_stream, url)
    assert response.status_code == 404
    assert json.loads(response.content)["error"] == "Tidak ada liputan langsung dengan nomor ini."


def test_a_reader_that_never_reads_is_dropped_and_replays_on_reconnect(
    settings, coverage, stream_url, django_capture_on_commit_callbacks
):
    settings.WARTA_LIVE_BROADCASTER = {
        "BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster",
        "OPTIONS": {"queue_size": 3},
    }

    reset_broadcaster()

    async def scenario():
        stalled = await open_stream(stream_url)
        reader = await open_stream(stream_url)
        reader_frames = aiter(reader.streaming_content)
        await next_frame(reader_frames)
        assert get_broadcaster().subscriber_count() == 2

        def post(n):
            with django_capture_on_commit_callbacks(execute=True):
                return make_update(coverage, f"Nomor {n}.")

        # The reader that keeps reading gets everything ...
        updates, received = [], []
        for n in range(6):
            updates.append(await sync_to_async(post)(n))
            received.append(parse_frame(await next_frame(reader_frames)))
        # ... while the one that never read was dropped, not waited for:
        assert get_broadcaster().subscriber_count() == 1
        await reader_frames.aclose()
        stalled_frames = aiter(stalled.streaming_content)
        drained = [chunk async for chunk in stalled_frames]
        return updates, received, drained

    updates, received, drained = run_async(scenario)
    assert [json.loads(f["data"])["update"] for f in received] == [u.pk for u in updates]
    # Its stream ended after the retry line and what fitted in its queue.
    assert len([c for c in drained if c.startswith(b"id:")]) <= 3

    async def reconnect(last_id):
        response = await open_stream(stream_url, **{"Last-Event-ID": str(last_id)})
        frames = aiter(response.streaming_content)
        await next_frame(frames)
        replayed = [parse_frame(await next_frame(frames)) for _ in range(6 - len(drained) + 1)]
        await frames.aclose()
        return replayed

    delivered = [parse_frame(c.decode()) for c in drained if c.startswith(b"id:")]
    last_id = int(delivered[-1]["id"]) if delivered else 0
    replayed = run_async(reconnect, last_id)
    got = [json.loads(f["data"])["update"] for f in delivered + replayed]
    assert got == [u.pk for u in updates]


def test_the_stream_is_not_compressed(coverage, stream_url):
    async def scenario():
        response = await open_stream(stream_url, **{"Accept-Encoding": "gzip"})
        frames = aiter(response.streaming_content)
        first = await next_frame(frames)
        await frames.aclose()
        return response, first

    response, first = run_async(scenario)
    assert not response.has_header("Content-Encoding")
    assert first.startswith("retry:")


def test_the_stream_of_an_unpublished_page_is_a_404(coverage, topic, stream_url):
    topic.unpublish()
    assert run_async(open_stream, stream_url).status_code == 404
