import asyncio
import json
import logging

import redis
import redis.asyncio

from warta.live.backends.base import BaseBroadcaster

logger = logging.getLogger(__name__)


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
        self._publisher = redis.Redis.from_url(url)
        self._listener = None
        self._listener_loop = None
        self._subscribed = None

    def publish(self, coverage_id, message):
        payload = json.dumps({"coverage": coverage_id, "message": message})
        self._publisher.publish(self.channel, payload)

    async def ready(self):
        loop = asyncio.get_running_loop()
        if self._listener is None or self._listener.done() or self._listener_loop is not loop:
            self._subscribed = asyncio.Event()
            self._listener_loop = loop
            self._listener = loop.create_task(self._listen(self._subscribed))
        try:
            await asyncio.wait_for(self._subscribed.wait(), timeout=5)
        except TimeoutError:
            # Redis is down: serve the replay and keep-alives; the reader
            # reconnects and replays once events flow again.
            logger.warning("Live updates: Redis subscription not ready")

    async def _listen(self, subscribed):
        delay = 0.5
        while True:
            client = redis.asyncio.Redis.from_url(self.url)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    subscribed.set()
                    delay = 0.5
                    async for raw in pubsub.listen():
                        if raw["type"] != "message":
                            continue
                        envelope = json.loads(raw["data"])
                        self.deliver(envelope["coverage"], envelope["message"])
            except asyncio.CancelledError:
                raise
            except Exception:
                # Readers keep their streams; what is published meanwhile is
                # replayed from the database when they reconnect.
                logger.exception("Live updates: lost the Redis subscription; retrying")
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
