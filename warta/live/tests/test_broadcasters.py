"""Both broadcasters deliver to every subscriber and never wait for a slow one."""

import asyncio
import threading
import time

import pytest

from warta.live.backends import get_broadcaster, reset_broadcaster
from warta.live.tests.redis_server import redis_broadcaster_settings
from warta.live.tests.streams import run_async

INPROCESS = {"BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster"}


@pytest.fixture(params=["inprocess", "redis"])
def broadcaster(request, settings):
    if request.param == "redis":
        settings.WARTA_LIVE_BROADCASTER = redis_broadcaster_settings(queue_size=4)
    else:
        settings.WARTA_LIVE_BROADCASTER = {**INPROCESS, "OPTIONS": {"queue_size": 4}}
    reset_broadcaster()
    return get_broadcaster()


def message(n):
    return {"id": n, "kind": "created", "update": n, "html": f"<p>{n}</p>"}


def publish_from_thread(broadcaster, coverage_id, numbers):
    """Publish as the admin does: from a worker thread, not the event loop."""
    thread = threading.Thread(
        target=lambda: [broadcaster.publish(coverage_id, message(n)) for n in numbers]
    )
    started = time.monotonic()
    thread.start()
    thread.join(timeout=5)
    return time.monotonic() - started


def test_every_subscriber_of_the_coverage_gets_each_event_once(broadcaster):
    async def scenario():
        readers = [await broadcaster.subscribe(7) for _ in range(3)]
        other = await broadcaster.subscribe(8)
        await asyncio.to_thread(publish_from_thread, broadcaster, 7, [1, 2])
        got = [[(await asyncio.wait_for(r.get(), 5))[0] for _ in range(2)] for r in readers]
        await asyncio.sleep(0.2)
        assert other.queue.empty()
        return got

    assert run_async(scenario) == [[1, 2]] * 3


def test_a_subscriber_that_never_reads_is_dropped_without_slowing_the_others(broadcaster):
    async def scenario():
        stalled = await broadcaster.subscribe(7)
        reader = await broadcaster.subscribe(7)
        received = []
        for n in range(1, 11):
            elapsed = await asyncio.to_thread(publish_from_thread, broadcaster, 7, [n])
            assert elapsed < 1
            received.append((await asyncio.wait_for(reader.get(), 5))[0])
        return stalled, received

    stalled, received = run_async(scenario)
    assert received == list(range(1, 11))
    assert stalled.dropped
    assert broadcaster.subscriber_count(7) == 1


def test_redis_channel_names_carry_the_configured_prefix(settings):
    settings.WARTA_LIVE_BROADCASTER = redis_broadcaster_settings()
    prefix = settings.WARTA_LIVE_BROADCASTER["OPTIONS"]["channel_prefix"]
    reset_broadcaster()
    assert get_broadcaster().channel == f"{prefix}:live"


def test_the_redis_broadcaster_reaches_subscribers_of_another_broadcaster(settings):
    """Two server processes: what one publishes, the other's readers get."""
    settings.WARTA_LIVE_BROADCASTER = redis_broadcaster_settings()
    from django.utils.module_loading import import_string

    config = settings.WARTA_LIVE_BROADCASTER
    publisher = import_string(config["BACKEND"])(**config["OPTIONS"])
    server = import_string(config["BACKEND"])(**config["OPTIONS"])

    async def scenario():
        reader = await server.subscribe(3)
        await asyncio.to_thread(publish_from_thread, publisher, 3, [41])
        return await asyncio.wait_for(reader.get(), 5)

    try:
        event_id, frame = run_async(scenario)
    finally:
        publisher.close()
        server.close()
    assert event_id == 41
    assert frame.startswith(b"id: 41\nevent: created\ndata: ")
