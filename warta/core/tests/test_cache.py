import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.mark.skipif(not settings.REDIS_URL, reason="runs in CI's pass with REDIS_URL set")
def test_the_cache_is_redis_when_redis_url_is_set():
    from redis import Redis

    cache.set("warta-probe", {"ok": 1}, 30)
    assert cache.get("warta-probe") == {"ok": 1}
    keys = Redis.from_url(settings.REDIS_URL).keys("warta:*warta-probe")
    assert keys, "the value should be stored in Redis under the warta prefix"
