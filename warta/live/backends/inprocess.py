from warta.live.backends.base import BaseBroadcaster


class InProcessBroadcaster(BaseBroadcaster):
    """The embedded default: one server process, events handed straight to its streams."""

    def publish(self, coverage_id, message):
        self.deliver(coverage_id, message)
