import pytest

from warta.articles.factories import make_article


@pytest.fixture
def api(client, site):
    """`api(path, **extra)`: GET /api/v1/<path> on the test site's host; the JSON body too."""

    def get(path, **extra):
        response = client.get(f"/api/v1/{path}", HTTP_HOST=site.hostname, **extra)
        is_json = "json" in response.get("Content-Type", "")
        response.data = response.json() if response.content and is_json else None
        return response

    return get


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
