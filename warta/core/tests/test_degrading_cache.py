"""The Redis cache answers a miss when Redis is unreachable, fast, and logs rarely.

A page-level test (Redis killed under the site) is in live/tests/test_redis_down.py.
"""

import logging
import os
import socket
import time

import pytest
import redis

from warta.core.cache import DegradingRedisCache

# Redis DB 10 of the local Redis is this suite's (see docs); CI sets its own URL.
LIVE_REDIS = os.environ.get("WARTA_TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/10")


def make_cache(url, **options):
    return DegradingRedisCache(url, {"KEY_PREFIX": "warta-degrading-test", "OPTIONS": options})


@pytest.fixture
def refused_url():
    """A port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def silent_url():
    """A port that accepts connections and never answers (a hung or blackholed Redis)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


def test_every_operation_is_a_miss_when_redis_refuses(refused_url):
    cache = make_cache(refused_url)
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("k") is False
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    cache.delete_many(["a", "b"])
    cache.clear()
    assert cache.get_or_set("k", lambda: "computed") == "computed"
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_a_dead_redis_is_logged_once_per_interval_not_per_call(refused_url, caplog):
    cache = make_cache(refused_url)
    cache.retry_after = 0  # ask Redis every time: each call fails for real
    with caplog.at_level(logging.WARNING, logger="warta.core.cache"):
        for _ in range(200):
            cache.get("k")
    reports = [r for r in caplog.records if r.name == "warta.core.cache"]
    assert len(reports) == 1
    assert "Cache unreachable" in reports[0].getMessage()

    cache._last_logged -= cache.log_interval  # the interval has passed
    with caplog.at_level(logging.WARNING, logger="warta.core.cache"):
        cache.get("k")
    reports = [r for r in caplog.records if r.name == "warta.core.cache"]
    assert len(reports) == 2
    assert "200 failure(s)" in reports[1].getMessage()


def test_a_redis_that_never_answers_costs_a_quarter_second_then_nothing(silent_url):
    cache = make_cache(silent_url)
    started = time.monotonic()
    assert cache.get("k", "miss") == "miss"
    first = time.monotonic() - started
    assert first < 1.0, "the socket timeout bounds the first call"
    started = time.monotonic()
    for _ in range(100):
        assert cache.get("k", "miss") == "miss"
    # Within RETRY_AFTER of a failure the cache is not asked again.
    assert time.monotonic() - started < 0.1


def test_a_reachable_redis_is_used_and_a_recovered_one_again():
    try:
        redis.Redis.from_url(LIVE_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {LIVE_REDIS}: {error}")
        pytest.skip(f"no Redis at {LIVE_REDIS}: {error}")
    cache = make_cache(LIVE_REDIS)
    cache.set("probe", {"ok": 1}, 30)
    assert cache.get("probe") == {"ok": 1}
    # After a failure, once RETRY_AFTER has passed, Redis is asked again.
    cache._down_until = time.monotonic() + 60
    assert cache.get("probe") is None
    cache._down_until = 0.0
    assert cache.get("probe") == {"ok": 1}
    cache.delete("probe")
