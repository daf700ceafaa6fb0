"""The Redis used by tests: WARTA_TEST_REDIS_URL, else the local one on DB 11.

A test that needs it fails when it is down in CI (CI starts Redis), and is
skipped with the reason on a developer's machine without one.
"""

import os
import uuid

import pytest

REDIS_URL = os.environ.get("WARTA_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


def require_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        reason = f"no Redis at {REDIS_URL} ({error}); set WARTA_TEST_REDIS_URL"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return REDIS_URL


def redis_broadcaster_settings(queue_size=64):
    """A Redis broadcaster on a channel no other test run or deployment uses."""
    return {
        "BACKEND": "warta.live.backends.redis.RedisBroadcaster",
        "OPTIONS": {
            "url": require_redis(),
            "channel_prefix": f"warta-test-{uuid.uuid4().hex[:12]}",
            "queue_size": queue_size,
        },
    }
