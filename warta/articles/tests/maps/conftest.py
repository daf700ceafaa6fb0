import pytest

from warta.articles.factories import make_article, make_section
from warta.maps.factories import KUTA, SENTANI, hours_ago


@pytest.fixture
def section(site):
    """Map tests' stories are about the environment (the root conftest's is Internasional)."""
    return make_section(site, "Lingkungan", "lingkungan")


@pytest.fixture
def kuta(section):
    return make_article(
        section, title="Relawan bersihkan Pantai Kuta", published_at=hours_ago(3), **KUTA
    )


@pytest.fixture
def sentani(section):
    return make_article(
        section, title="Festival Danau Sentani", published_at=hours_ago(30), **SENTANI
    )
