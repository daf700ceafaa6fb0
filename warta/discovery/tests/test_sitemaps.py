"""Sitemaps validate against the published XSDs; lastmod moves; robots.txt names them."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from warta.articles.factories import make_article
from warta.discovery import sitemaps
from warta.images.factories import make_image

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent / "xsd"
WRAPPER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:import namespace="{sitemaps.SITEMAP_NS}" schemaLocation="sitemap.xsd"/>
<xs:import namespace="{sitemaps.IMAGE_NS}" schemaLocation="sitemap-image.xsd"/>
<xs:import namespace="{sitemaps.NEWS_NS}" schemaLocation="sitemap-news.xsd"/>
</xs:schema>"""


@pytest.fixture(scope="module")
def urlset_schema():
    return etree.XMLSchema(etree.fromstring(WRAPPER.encode(), base_url=str(XSD) + "/"))


@pytest.fixture(scope="module")
def index_schema():
    return etree.XMLSchema(etree.parse(str(XSD / "siteindex.xsd")))


def valid(schema, response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log
    return document


NS = {"s": sitemaps.SITEMAP_NS, "image": sitemaps.IMAGE_NS, "news": sitemaps.NEWS_NS}


@pytest.fixture
def article(section, author):
    return make_article(section, title="Putin menanggapi", authors=[author])


@pytest.fixture
def fresh(section, author):
    return make_article(
        section,
        title="Gempa guncang Jayapura",
        authors=[author],
        lead_image=make_image(),
        published_at=timezone.now() - timedelta(hours=2),
    )


def test_the_index_lists_paged_sitemaps_and_the_news_one(get, index_schema, article):
    document = valid(index_schema, get("/sitemap.xml"))
    locs = document.xpath("//s:loc/text()", namespaces=NS)
    assert locs == [
        "http://balicitizen.localhost/sitemap-1.xml",
        "http://balicitizen.localhost/sitemap-news.xml",
    ]


def test_a_page_of_the_sitemap_lists_live_pages_with_lastmod_and_images(
    get, urlset_schema, article, fresh, section
):
    draft = make_article(section, title="Draf")
    draft.unpublish()
    document = valid(urlset_schema, get("/sitemap-1.xml"))
    locs = document.xpath("//s:url/s:loc/text()", namespaces=NS)
    assert fresh.get_full_url() in locs and article.get_full_url() in locs
    assert draft.get_full_url() not in locs
    assert len(document.xpath("//s:url[not(s:lastmod)]", namespaces=NS)) == 0
    images = document.xpath("//image:image/image:loc/text()", namespaces=NS)
    assert len(images) == 1 and images[0].startswith("http://")


def test_pages_beyond_the_last_are_404(get, article):
    assert get("/sitemap-2.xml").status_code == 404
    assert get("/sitemap-0.xml").status_code == 404


def test_sitemaps_are_paged(get, article, fresh, monkeypatch, index_schema, urlset_schema):
    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 2)
    index = valid(index_schema, get("/sitemap.xml"))
    pages = [loc for loc in index.xpath("//s:loc/text()", namespaces=NS) if "news" not in loc]
    assert len(pages) >= 2
    seen = []
    for number in range(1, len(pages) + 1):
        document = valid(urlset_schema, get(f"/sitemap-{number}.xml"))
        seen += document.xpath("//s:url/s:loc/text()", namespaces=NS)
    assert len(seen) == len(set(seen)) and fresh.get_full_url() in seen


def test_lastmod_moves_with_a_registered_change(get, urlset_schema, fresh, monkeypatch):
    from warta.articles import modified

    later = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(modified, "_sources", [lambda pages: {fresh.pk: later}])
    document = valid(urlset_schema, get("/sitemap-1.xml"))
    row = document.xpath(f"//s:url[s:loc='{fresh.get_full_url()}']/s:lastmod/text()", namespaces=NS)
    assert row == [later.isoformat()]


def test_the_news_sitemap_holds_only_the_last_48_hours(get, urlset_schema, article, fresh):
    document = valid(urlset_schema, get("/sitemap-news.xml"))
    assert document.xpath("//s:url/s:loc/text()", namespaces=NS) == [fresh.get_full_url()]
    assert document.xpath("//news:name/text()", namespaces=NS) == ["BALICITIZEN"]
    assert document.xpath("//news:language/text()", namespaces=NS) == ["id"]
    assert document.xpath("//news:title/text()", namespaces=NS) == [fresh.title]


def test_robots_names_the_sitemaps_and_keeps_out_of_the_admin(get):
    response = get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://balicitizen.localhost/sitemap.xml" in text
    assert "Sitemap: http://balicitizen.localhost/sitemap-news.xml" in text
