import pytest

from warta.articles.factories import make_article, make_author, make_section, make_site


@pytest.fixture
def site(db):
    return make_site()


@pytest.fixture
def section(site):
    return make_section(site, "Internasional", "internasional")


@pytest.fixture
def author(site):
    return make_author(site, "Ni Luh Ayu")


@pytest.fixture
def article(section, author):
    return make_article(
        section,
        title="Putin menanggapi ‘memuaskan’ pembicaraan dengan Biden",
        kicker="bagian dalam",
        standfirst="Ketegangan meningkat.",
        dateline="Denpasar",
        authors=[author],
    )


@pytest.fixture
def get(client, site):
    def get(path, **extra):
        return client.get(path, HTTP_HOST=site.hostname, **extra)

    return get
