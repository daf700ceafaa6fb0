"""Redis killed under the site: pages answer from the database, live readers poll.

Each test starts a redis-server of its own (tests/redis_server.py), points the
cache and the live broadcaster at it, fills the cache, then kills it. Wagtail
reads its list of site roots from the cache on every page, so with Django's
plain RedisCache every page would now raise (the first test shows it); the
site's cache (core/cache.py) answers a miss instead.
"""

import time

import pytest
import redis
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from warta.articles.factories import make_article, make_section
from warta.live.backends import reset_broadcaster
from warta.live.factories import make_update
from warta.live.models import LiveUpdate
from warta.live.tests.streams import run_in_thread
from warta.maps.models import MapPage
from warta.people.factories import make_user
from warta.people.roles import EDITOR

pytestmark = pytest.mark.django_db


def redis_settings(url, backend="warta.core.cache.DegradingRedisCache"):
    return override_settings(
        CACHES={"default": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": "warta-down"}},
        WARTA_LIVE_BROADCASTER={
            "BACKEND": "warta.live.backends.redis.RedisBroadcaster",
            "OPTIONS": {"url": url, "channel_prefix": "warta-down-test"},
        },
    )


@pytest.fixture
def pages(site, coverage):
    section = make_section(site, "Bali", "bali")
    article = make_article(section, title="Banjir di Denpasar")
    make_update(coverage, "Air mulai surut.")
    from warta.articles.factories import publish

    publish(site.root_page.specific, MapPage(title="Peta", slug="peta"))
    return {
        "home": "/",
        "article": article.url,
        "live page": coverage.page.url,
        "map page": "/peta/",
        "map JSON": reverse("maps:points"),
        "live JSON": reverse("live:updates_json", args=[coverage.pk]),
        "admin login": reverse("wagtailadmin_login"),
    }


def fetch_all(client, site, pages):
    return {
        name: client.get(path, HTTP_HOST=site.hostname).status_code for name, path in pages.items()
    }


def test_with_djangos_plain_redis_cache_a_dead_redis_takes_pages_down(own_redis, site, pages):
    """The failure the site's cache exists for (else the test below proves nothing)."""
    with redis_settings(own_redis.url, backend="django.core.cache.backends.redis.RedisCache"):
        client = Client()
        assert client.get("/", HTTP_HOST=site.hostname).status_code == 200
        own_redis.kill()
        with pytest.raises(redis.ConnectionError):
            client.get("/", HTTP_HOST=site.hostname)


def test_pages_json_and_admin_login_answer_200_with_redis_killed(own_redis, site, pages):
    with redis_settings(own_redis.url):
        reset_broadcaster()
        client = Client()
        assert set(fetch_all(client, site, pages).values()) == {200}
        # The cache was in use: Wagtail's site roots are in this Redis.
        assert redis.Redis.from_url(own_redis.url).keys("warta-down:*")

        own_redis.kill()
        started = time.monotonic()
        for _ in range(3):
            assert fetch_all(client, site, pages) == dict.fromkeys(pages, 200)
        # A dead Redis costs milliseconds, not a connect timeout per cache call.
        assert time.monotonic() - started < 10

        # An editor still logs in (sessions are in the database).
        user = make_user("redaktur", EDITOR)
        user.set_password("kata-sandi-panjang")
        user.save()
        response = client.post(
            pages["admin login"], {"username": "redaktur", "password": "kata-sandi-panjang"}
        )
        assert response.status_code == 302
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    reset_broadcaster()


def test_the_stream_is_refused_so_readers_poll_and_posting_still_works(
    own_redis, site, coverage, django_capture_on_commit_callbacks
):
    with redis_settings(own_redis.url):
        reset_broadcaster()
        own_redis.kill()
        client = Client()
        started = time.monotonic()
        # In a helper thread: the stream view is async, and a session browser's loop may
        # run in this one (see streams.run_in_thread).
        response = run_in_thread(
            client.get, reverse("live:stream", args=[coverage.pk]), HTTP_HOST=site.hostname
        )
        # Not a stream that would never hear of new updates: a refusal, which
        # makes the page's EventSource close and live.js poll the JSON instead.
        assert response.status_code == 503
        assert response["Retry-After"]
        assert "Pembaruan langsung" in response.json()["error"]
        assert time.monotonic() - started < 3

        editor = make_user("editor", EDITOR)
        client.force_login(editor)
        form = nested_form_data(
            {"action": "post", "body": streamfield([("text", rich_text("<p>Jalan dibuka.</p>"))])}
        )
        # The broadcast runs on commit: executing it here is what a real request does.
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(reverse("live_coverage", args=[coverage.page_id]), form)
        assert response.status_code == 302
        assert callbacks, "the broadcast was queued on commit"
        assert "Jalan dibuka." in str(LiveUpdate.objects.get().body)
        # Readers who poll see it.
        json = run_in_thread(
            client.get, reverse("live:updates_json", args=[coverage.pk]), HTTP_HOST=site.hostname
        )
        assert "Jalan dibuka." in json.content.decode()
    reset_broadcaster()
