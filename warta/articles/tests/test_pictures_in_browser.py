"""In Chromium, body photos load as AVIF, lazily, in a box sized before they arrive."""

import pytest

from warta.articles.factories import make_article, paragraphs
from warta.images.factories import make_image

pytestmark = pytest.mark.django_db


def test_chromium_picks_avif_only_when_the_photo_nears_the_screen(served_page, site, section):
    image = make_image(title="Pantai Kuta", description="Pantai Kuta sore")
    article = make_article(section, body=[*paragraphs(40), ("image", {"image": image})])
    tab = served_page(site.hostname, viewport={"width": 360, "height": 740})
    requested = []
    tab.on("request", lambda request: requested.append(request.url))

    tab.goto(f"http://{site.hostname}{article.relative_url(site)}")
    tab.wait_for_load_state("load")
    photo = tab.locator(".figure img")
    # Below the fold: not fetched yet, but its box already has the photo's shape.
    assert not any("/media/images/" in url for url in requested)
    box = photo.bounding_box()
    assert box["height"] == pytest.approx(box["width"] * 1000 / 1600, abs=2)

    photo.scroll_into_view_if_needed()
    tab.wait_for_function("() => document.querySelector('.figure img').complete")

    current = photo.evaluate("img => img.currentSrc")
    assert current.endswith(".avif")
    assert [url for url in requested if "/media/images/" in url] == [current]
    assert tab.blocked == []
