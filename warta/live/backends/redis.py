import asyncio
import json
import logging
import time

import redis
import redis.asyncio

from warta.live.backends.base import BaseBroadcaster

logger = logging.getLogger(__name__)

# A Redis that does not answer must cost a publishing editor milliseconds.
SOCKET_TIMEOUT = 0.5
# How long a new stream waits for the subscription before it is refused (the
# reader then polls the JSON endpoint), and how long after a failure new
# streams are refused at once rather than each waiting again.
READY_TIMEOUT = 2
LOG_INTERVAL = 60.0


class RedisBroadcaster(BaseBroadcaster):
    """Redis pub/sub between server processes, then in-process fan-out.

    Each process holds one subscription to one channel, whatever the number of
    readers, and hands what arrives to its own streams. Pub/sub channels are
    shared by every database number on a Redis server, so the channel name
    carries a prefix (WARTA_LIVE_CHANNEL_PREFIX) that keeps deployments apart.
    """

    def __init__(self, url, channel_prefix="warta", queue_size=64):
        super().__init__(queue_size=queue_size)
        self.url = url
        self.channel = f"{channel_prefix}:live"
        self._publisher = redis.Redis.from_url(
            url, socket_connect_timeout=SOCKET_TIMEOUT, socket_timeout=SOCKET_TIMEOUT
        )
        self._listener = None
        self._listener_loop = None
        self._subscribed = None
        self._failing = False
        self._last_logged = None

    def _log_rarely(self, text, *args):
        now = time.monotonic()
        if self._last_logged is None or now - self._last_logged >= LOG_INTERVAL:
            self._last_logged = now
            logger.warning(text, *args)

    def publish(self, coverage_id, message):
        """Tell every process; with Redis down, readers learn it on their next poll or reconnect.

        Called after the update was committed: it is saved either way, and the
        editor must not get an error page for a broadcast that failed.
        """
        payload = json.dumps({"coverage": coverage_id, "message": message})
        try:
            self._publisher.publish(self.channel, payload)
        except redis.RedisError as error:
            self._log_rarely("Live updates: not broadcast, Redis unreachable (%s)", error)

    async def ready(self):
        loop = asyncio.get_running_loop()
        if self._listener is None or self._listener.done() or self._listener_loop is not loop:
            self._subscribed = asyncio.Event()
            self._failing = False
            self._listener_loop = loop
            self._listener = loop.create_task(self._listen(self._subscribed))
        if self._subscribed.is_set():
            return True
        if self._failing:
            return False
        # Wait for the subscription, or for the listener's first failure.
        deadline = loop.time() + READY_TIMEOUT
        while not self._subscribed.is_set() and not self._failing:
            if loop.time() >= deadline:
                self._log_rarely("Live updates: Redis subscription not ready")
                return False
            await asyncio.sleep(0.02)
        return self._subscribed.is_set()

    async def _listen(self, subscribed):
        delay = 0.5
        while True:
            client = redis.asyncio.Redis.from_url(self.url, socket_connect_timeout=SOCKET_TIMEOUT)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    self._failing = False
                    subscribed.set()
                    delay = 0.5
                    async for raw in pubsub.listen():
                        if raw["type"] != "message":
                            continue
                        envelope = json.loads(raw["data"])
                        self.deliver(envelope["coverage"], envelope["message"])
            except asyncio.CancelledError:
                raise
            except Exception as error:
                # Readers keep their streams; what is published meanwhile is
                # replayed from the database when they reconnect. New streams
                # are refused until the subscription is back (they poll).
                subscribed.clear()
                self._failing = True
                self._log_rarely("Live updates: no Redis subscription (%s); retrying", error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)
            finally:
                await client.aclose()

    def close(self):
        self._publisher.close()
        if self._listener is not None and not self._listener.done():
            loop = self._listener_loop
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self._listener.cancel)
        self._listener = None
