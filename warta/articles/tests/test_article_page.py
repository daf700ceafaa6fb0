import re
from datetime import timedelta

import pytest
from wagtail.rich_text import RichText

from warta.articles.factories import make_article, make_author
from warta.articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_article_shows_its_anatomy(get, article):
    html = get(article.url).content.decode()
    assert "<h1>Putin menanggapi ‘memuaskan’ pembicaraan dengan Biden</h1>" in html
    assert "bagian dalam" in html
    assert "Ketegangan meningkat." in html
    assert "Ni Luh Ayu" in html
    assert '<span class="dateline">Denpasar</span>' in html
    assert "Jumat, 31 Desember 2021 09.15 WITA" in html
    assert ">Berita</span>" in html


def test_byline_lists_every_author_in_order(get, section, site):
    first, second = make_author(site, "Made Wirawan"), make_author(site, "Ni Luh Ayu")
    article = make_article(section, authors=[first, second])
    html = get(article.url).content.decode()
    assert html.index("Made Wirawan") < html.index("Ni Luh Ayu")
    assert "Made Wirawan</a> dan <a" in html


def test_updated_time_appears_only_when_republished_later(get, article):
    published = article.published_at
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=published)
    assert "Diperbarui" not in get(article.url).content.decode()
    ArticlePage.objects.filter(pk=article.pk).update(
        last_published_at=published + timedelta(hours=2, minutes=30)
    )
    assert "Diperbarui <time" in get(article.url).content.decode()
    assert "Jumat, 31 Desember 2021 11.45 WITA" in get(article.url).content.decode()


def test_news_article_structured_data_describes_the_story(get, article, json_ld):
    data = json_ld(get(article.url).content.decode())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2021-12-31T01:15:00+00:00"
    assert data["author"][0]["name"] == "Ni Luh Ayu"
    assert data["publisher"]["name"] == "BALICITIZEN"
    assert data["locationCreated"]["name"] == "Denpasar"
    assert data["mainEntityOfPage"]["@id"] == article.get_full_url()


def test_structured_data_cannot_be_broken_out_of_by_a_headline(get, section, json_ld):
    article = make_article(section, title="</script><script>alert(1)</script>")
    html = get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == "</script><script>alert(1)</script>"


def test_sharing_tags_canonical_url_and_whatsapp_link(get, article):
    html = get(article.url).content.decode()
    url = article.get_full_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'href="https://wa.me/?text=Putin%20menanggapi' in html


def test_page_has_landmarks_and_one_h1(get, article):
    html = get(article.url).content.decode()
    assert '<html lang="id">' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html


def test_related_read_links_to_the_other_article(get, site, section, article):
    reader = make_article(
        section,
        body=[
            ("paragraph", RichText("<p>Satu.</p>")),
            ("related", {"page": article}),
        ],
    )
    html = get(reader.url).content.decode()
    assert re.search(
        rf'<p class="related-read"><a href="{re.escape(article.relative_url(site))}">'
        r"<strong>Baca juga</strong> ",
        html,
    )


def test_related_read_to_an_unpublished_article_is_left_out(get, section, article):
    reader = make_article(section, body=[("related", {"page": article})])
    article.unpublish()
    assert "related-read" not in get(reader.url).content.decode()


def test_body_rich_text_is_sanitised(get, section):
    article = make_article(
        section,
        body=[
            (
                "paragraph",
                RichText('<p>Aman<script>alert(1)</script><a href="javascript:x">t</a></p>'),
            )
        ],
    )
    html = get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:x" not in html
