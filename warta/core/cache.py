"""The Redis cache that degrades to a miss when Redis is unreachable.

The cache is an optimisation: Wagtail's site-root list, search hints and the
API's rate counter all have the database (or nothing) to fall back on. With
Django's plain RedisCache a dead Redis raises `ConnectionError` into every
request that touches the cache, and the site answers 500. Here every
operation that meets a connection or timeout error answers as a miss (reads
give the default, writes do nothing, `add` says it did not add, `incr` says
the key is missing), and the failure is logged once per `LOG_INTERVAL`
seconds, not once per request.

Short socket timeouts (OPTIONS `socket_connect_timeout`, `socket_timeout`,
0.25 s unless set) make a Redis that does not answer cost milliseconds, not
a hanging worker. After a failure the cache is not asked again for
`RETRY_AFTER` seconds: a blackholed Redis would otherwise cost every request
one connect timeout per cache call.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
DEFAULT_SOCKET_TIMEOUT = 0.25
LOG_INTERVAL = 60.0
RETRY_AFTER = 1.0


def _degrading(miss):
    """Wrap a cache method: on an unreachable Redis, log (rarely) and answer `miss(args)`."""

    def wrap(method):
        @functools.wraps(method)
        def degraded(self, *args, **kwargs):
            if self._down_until > time.monotonic():
                return miss(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._failed(error)
                return miss(*args, **kwargs)

        return degraded

    return wrap


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unreachable).")


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, version=None):
    return default


def _empty(*args, **kwargs):
    return {}


def _nothing_set(data, *args, **kwargs):
    # Django's set_many returns the keys that failed to be set.
    return list(data)


class DegradingRedisCache(RedisCache):
    log_interval = LOG_INTERVAL
    retry_after = RETRY_AFTER

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._last_logged = None
        self._failures = 0

    def _failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.retry_after
            self._failures += 1
            if self._last_logged is not None and now - self._last_logged < self.log_interval:
                return
            self._last_logged = now
            failures, self._failures = self._failures, 0
        logger.warning(
            "Cache unreachable (%s: %s); answering from the database. %d failure(s) since the "
            "last report; next report in %.0f s at the earliest.",
            type(error).__name__,
            error,
            failures,
            self.log_interval,
        )

    add = _degrading(_false)(RedisCache.add)
    get = _degrading(_default)(RedisCache.get)
    set = _degrading(_none)(RedisCache.set)
    touch = _degrading(_false)(RedisCache.touch)
    delete = _degrading(_false)(RedisCache.delete)
    get_many = _degrading(_empty)(RedisCache.get_many)
    has_key = _degrading(_false)(RedisCache.has_key)
    incr = _degrading(_missing_key)(RedisCache.incr)
    set_many = _degrading(_nothing_set)(RedisCache.set_many)
    delete_many = _degrading(_none)(RedisCache.delete_many)
    clear = _degrading(_false)(RedisCache.clear)
