"""Broadcasters: how an event reaches every open stream.

`get_broadcaster()` gives this process's broadcaster, chosen by settings:
in-process by default, Redis pub/sub when REDIS_URL is set (so every server
process sees events posted in any of them).
"""

from django.conf import settings
from django.utils.module_loading import import_string

_broadcaster = None


def get_broadcaster():
    global _broadcaster
    if _broadcaster is None:
        backend = settings.WARTA_LIVE_BROADCASTER
        _broadcaster = import_string(backend["BACKEND"])(**backend.get("OPTIONS", {}))
    return _broadcaster


def reset_broadcaster():
    """Forget the broadcaster, so the next call builds one from current settings (tests)."""
    global _broadcaster
    if _broadcaster is not None:
        _broadcaster.close()
    _broadcaster = None
