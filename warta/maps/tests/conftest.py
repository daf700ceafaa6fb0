from datetime import timedelta

import pytest
from django.utils import timezone

from warta.articles.factories import make_article, make_section, make_site, publish
from warta.maps.models import MapPage

KUTA = {
    "place_name": "Pantai Kuta",
    "place_latitude": -8.7185,
    "place_longitude": 115.1686,
    "place_regency": "Kabupaten Badung",
    "place_province": "Bali",
}
SENTANI = {
    "place_name": "Danau Sentani",
    "place_latitude": -2.6069,
    "place_longitude": 140.5160,
    "place_regency": "Kabupaten Jayapura",
    "place_province": "Papua",
}


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def site(db):
    return make_site()


@pytest.fixture
def section(site):
    return make_section(site, "Lingkungan", "lingkungan")


@pytest.fixture
def map_page(site):
    return publish(site.root_page.specific, MapPage(title="Peta", slug="peta"))


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


@pytest.fixture
def get(client, site):
    def get(path, **extra):
        return client.get(path, HTTP_HOST=site.hostname, **extra)

    return get
