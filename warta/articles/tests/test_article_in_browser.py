"""The seed-like article in a real browser at phone width: complete, light, self-contained."""

import pytest
from wagtail.rich_text import RichText

from warta.articles.factories import make_article, make_author

pytestmark = pytest.mark.django_db

HEADLINE = "Putin menanggapi ‘memuaskan’ pembicaraan dengan Biden"


@pytest.fixture
def article(site, section):
    related = make_article(section, title="Pertempuran Donbass", slug="pertempuran-donbass")
    return make_article(
        section,
        title=HEADLINE,
        kicker="bagian dalam",
        authors=[make_author(site, "Redaksi BALICITIZEN")],
        body=[
            ("paragraph", RichText("<p>Ketegangan meningkat antara Washington dan Moskow.</p>")),
            ("related", {"page": related}),
        ],
    )


@pytest.fixture
def phone(served_page, site):
    """A small phone with JavaScript off: the page must not need it."""
    return served_page(
        site.hostname, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )


def test_seed_article_shows_every_element_on_a_phone(phone, site, article):
    phone.goto(f"http://{site.hostname}{article.relative_url(site)}")

    assert phone.locator("a.logo").inner_text() == "BALICITIZEN"
    assert phone.locator("p.tagline").is_visible()
    assert phone.locator("h1").inner_text() == HEADLINE
    assert phone.locator(".kicker a").inner_text().lower() == "bagian dalam"
    assert phone.locator(".byline").inner_text().startswith("Oleh Redaksi BALICITIZEN")
    assert "Jumat, 31 Desember 2021 09.15 WITA" in phone.locator(".byline time").first.inner_text()
    assert phone.locator(".related-read").inner_text().startswith("BACA JUGA")
    assert phone.locator("a.share-whatsapp").is_visible()
    # The stylesheet applied (uppercase kicker), nothing is wider than the phone,
    # and nothing was fetched from another host.
    assert phone.locator(".kicker a").inner_text() == "BAGIAN DALAM"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.blocked == []


def test_the_read_link_leads_to_the_related_article(phone, site, article):
    phone.goto(f"http://{site.hostname}{article.relative_url(site)}")
    phone.locator(".related-read a").click()
    assert phone.locator("h1").inner_text() == "Pertempuran Donbass"
