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


class OwnRedis:
    """A redis-server of the test's own, on a free port of 6391-6399, that it may kill."""

    PORTS = range(6391, 6400)

    def __init__(self):
        import shutil
        import socket
        import subprocess
        import time

        import redis

        binary = shutil.which("redis-server")
        if binary is None:
            reason = "redis-server is not installed"
            if os.environ.get("CI"):
                pytest.fail(reason)
            pytest.skip(reason)
        for port in self.PORTS:
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue
            break
        else:
            raise RuntimeError("No free port in 6391-6399 for the test's Redis")
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.kill()
                    raise RuntimeError("The test's redis-server did not start") from None
                time.sleep(0.05)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
