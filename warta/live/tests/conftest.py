import pytest

from warta.articles.factories import make_site
from warta.live.backends import reset_broadcaster
from warta.live.factories import make_coverage, make_topic
from warta.live.tests.redis_server import OwnRedis
from warta.people.factories import make_user
from warta.people.roles import EDITOR, REPORTER


@pytest.fixture(autouse=True)
def _fresh_broadcaster(settings):
    """Each test builds the broadcaster its settings name, and releases it after."""
    settings.WARTA_LIVE_BROADCASTER = {
        "BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster"
    }
    reset_broadcaster()
    yield
    reset_broadcaster()


@pytest.fixture
def site(db):
    return make_site()


@pytest.fixture
def topic(site):
    return make_topic(site)


@pytest.fixture
def coverage(topic):
    return make_coverage(topic)


@pytest.fixture
def editor(db):
    return make_user("editor", EDITOR)


@pytest.fixture
def reporter(db):
    return make_user("reporter", REPORTER)


@pytest.fixture
def own_redis():
    """A redis-server of the test's own, which the test may kill."""
    server = OwnRedis()
    yield server
    server.kill()
