import asyncio
import contextlib
import json
import logging
import threading
from collections import defaultdict

logger = logging.getLogger(__name__)


def sse_frame(message):
    """A message as one Server-Sent Events frame, encoded once for every reader."""
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    return f"id: {message['id']}\nevent: {message['kind']}\ndata: {data}\n\n".encode()


class Subscription:
    """One open stream's mailbox. Bounded: a reader that stops reading is dropped."""

    def __init__(self, coverage_id, queue_size):
        self.coverage_id = coverage_id
        self.loop = asyncio.get_running_loop()
        self.queue = asyncio.Queue(maxsize=queue_size)
        self.dropped = False
        # False when events from other processes cannot reach it (Redis down):
        # the stream is then refused and the reader polls the JSON endpoint.
        self.connected = True

    def offer(self, item):
        if self.dropped:
            return False
        try:
            self.queue.put_nowait(item)
            return True
        except asyncio.QueueFull:
            # Never wait for a slow reader: others would wait behind it. The
            # stream ends; the browser reconnects with Last-Event-ID and the
            # missed events are replayed from the database.
            self.dropped = True
            return False

    async def get(self):
        """The next (event id, frame), or None once this subscription was dropped."""
        if self.dropped:
            return None
        return await self.queue.get()


class BaseBroadcaster:
    """Fans events out to the subscriptions of this process.

    `publish()` is called from synchronous code after a commit, usually in a
    worker thread; subscriptions live on an event loop. Delivery hops onto
    each loop once per event (not once per reader) and never blocks.
    """

    def __init__(self, queue_size=64):
        self.queue_size = queue_size
        self._subscriptions = defaultdict(set)
        self._lock = threading.Lock()

    async def subscribe(self, coverage_id):
        subscription = Subscription(coverage_id, self.queue_size)
        with self._lock:
            self._subscriptions[coverage_id].add(subscription)
        subscription.connected = await self.ready() is not False
        return subscription

    def unsubscribe(self, subscription):
        with self._lock:
            subscriptions = self._subscriptions.get(subscription.coverage_id)
            if subscriptions is not None:
                subscriptions.discard(subscription)
                if not subscriptions:
                    del self._subscriptions[subscription.coverage_id]

    async def ready(self):
        """Wait until events published from now on will reach new subscriptions.

        False when they will not (the broadcaster lost its transport).
        """
        return True

    def subscriber_count(self, coverage_id=None):
        with self._lock:
            if coverage_id is not None:
                return len(self._subscriptions.get(coverage_id, ()))
            return sum(len(s) for s in self._subscriptions.values())

    def publish(self, coverage_id, message):
        raise NotImplementedError

    def close(self):
        """Release connections (tests switch broadcasters)."""

    def deliver(self, coverage_id, message):
        """Hand `message` to every local subscription of the coverage."""
        item = (message["id"], sse_frame(message))
        with self._lock:
            loops = {s.loop for s in self._subscriptions.get(coverage_id, ())}
        for loop in loops:
            # A loop may have closed under us (a server shut down): its streams are gone.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._offer_all, loop, coverage_id, item)

    def _offer_all(self, loop, coverage_id, item):
        with self._lock:
            subscriptions = [s for s in self._subscriptions.get(coverage_id, ()) if s.loop is loop]
        dropped = [s for s in subscriptions if not s.offer(item)]
        for subscription in dropped:
            self.unsubscribe(subscription)
        if dropped:
            logger.info("Dropped %d slow live reader(s) of coverage %s", len(dropped), coverage_id)
