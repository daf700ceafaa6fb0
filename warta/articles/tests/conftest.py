import pytest

from warta.articles.factories import make_article


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
