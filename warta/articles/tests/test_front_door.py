"""The reader's front door: navigation, footer, favicon, cards, tag pages, breadcrumbs, sharing."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.rich_text import RichText

from warta import urls as warta_urls
from warta.articles.factories import make_article, make_section, publish
from warta.articles.models import StandingPage, StoryType, TopicIndexPage
from warta.images.models import WartaImage
from warta.maps.models import MapPage

pytestmark = pytest.mark.django_db

T0 = datetime.fromisoformat("2026-11-20T00:00:00+00:00")


def make_image(n=0, size=(640, 400)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (n * 20 % 255, 80, 120)).save(buffer, "JPEG")
    return WartaImage.objects.create(
        title=f"Foto {n}", credit="Redaksi", file=ImageFile(buffer, name=f"foto{n}.jpg")
    )


def masthead(html):
    return html.split('<header class="masthead">', 1)[1].split("</header>", 1)[0]


def footer(html):
    return html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


# Navigation


def test_navigation_links_sections_topics_map_and_a_plain_search_form(get, site, section):
    home = site.root_page.specific
    publish(home, TopicIndexPage(title="Topik", slug="topik"))
    publish(home, MapPage(title="Peta", slug="peta"))
    nav = masthead(get("/").content.decode())
    assert '<a href="/internasional/">Internasional</a>' in nav
    assert '<a href="/topik/">Topik</a>' in nav and '<a href="/peta/">Peta</a>' in nav
    form = re.search(r'<form class="site-search"[^>]*>', nav).group(0)
    assert 'method="get"' in form and 'action="/cari/"' in form
    assert 'name="q"' in nav and "csrfmiddlewaretoken" not in nav
    # The phone menu works without JavaScript: a details/summary.
    assert '<details class="nav-menu">' in nav and "<summary>Menu</summary>" in nav


# The site's URLs without trust's (a site that does not run the fact-check index).
urlpatterns = [
    pattern
    for pattern in warta_urls.urlpatterns
    if getattr(getattr(pattern, "urlconf_name", None), "__name__", None) != "warta.trust.urls"
]


def test_fact_check_link_only_when_its_page_exists(get, site, settings):
    settings.ROOT_URLCONF = __name__
    assert "Cek Fakta" not in masthead(get("/").content.decode())
    settings.ROOT_URLCONF = "warta.urls"
    nav = masthead(get("/").content.decode())
    assert '<a href="/cek-fakta/">Cek Fakta</a>' in nav


def test_current_section_is_marked(get, section):
    nav = masthead(get("/internasional/").content.decode())
    assert '<a href="/internasional/" aria-current="page">Internasional</a>' in nav


# Footer and favicon


def test_footer_links_standing_pages_in_role_order_feeds_and_the_name(get, site):
    home = site.root_page.specific
    for slug, title, role in [
        ("privasi", "Kebijakan privasi", "privasi"),
        ("tentang-kami", "Tentang kami", "tentang"),
        ("pedoman", "Pedoman media siber", "pedoman"),
        ("arsip", "Tanpa peran", ""),
    ]:
        publish(home, StandingPage(title=title, slug=slug, role=role))
    html = footer(get("/").content.decode())
    assert html.index("Tentang kami") < html.index("Pedoman media siber")
    assert html.index("Pedoman media siber") < html.index("Kebijakan privasi")
    assert '<a href="/tentang-kami/">Tentang kami</a>' in html
    assert "Tanpa peran" not in html
    assert 'href="/feed/"' in html and 'href="/feed/atom/"' in html and 'href="/feed/json/"' in html
    assert "BALICITIZEN</p>" in html


def test_favicon_is_generated_for_each_site_and_cacheable(get, client, site):
    from warta.articles.factories import make_site

    make_site("PosPapusa", "pospapusa.localhost", default=False)
    response = get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and not response.cookies
    icon = Image.open(io.BytesIO(response.content))
    assert icon.size == (32, 32)
    svg = get("/favicon.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b">B</text>" in svg.content
    papua = client.get("/favicon.svg", HTTP_HOST="pospapusa.localhost")
    assert b">PP</text>" in papua.content
    html = get("/").content.decode()
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in html


# Cards


def test_card_says_the_type_once_with_its_kicker_and_the_time_in_the_sites_zone(get, section):
    make_article(section, title="Analisis", kicker="Analisis", story_type=StoryType.ANALYSIS)
    make_article(section, title="Pendapat", story_type=StoryType.OPINION)
    make_article(section, title="Kabar", kicker="Pemilu")
    for url in ("/", "/internasional/"):
        html = get(url).content.decode()
        label = '<span class="story-type story-type-analisis">Analisis</span>'
        assert f'<p class="kicker">{label}</p>' in html, url  # not "ANALISIS [ANALISIS]"
        assert '<span class="story-type story-type-opini">Opini</span>' in html, url
        assert '<p class="kicker">Pemilu</p>' in html, url
        assert "Jumat, 31 Desember 2021 09.15 WITA" in html, url


def test_card_thumbnail_has_its_size_and_only_the_first_screen_is_eager(get, section):
    for n in range(3):
        make_article(
            section, title=f"Foto {n}", lead_image=make_image(n), published_at=T0 + timedelta(n)
        )
    html = get("/internasional/").content.decode()
    images = re.findall(r'<a class="card-image"[^>]*><img ([^>]*)>', html)
    assert len(images) == 3
    assert all('width="320" height="180"' in attrs and 'alt=""' in attrs for attrs in images)
    assert 'fetchpriority="high"' in images[0] and "loading" not in images[0]
    assert all('loading="lazy"' in attrs for attrs in images[1:])


def test_cards_mark_video_and_map_stories(get, section):
    make_article(
        section, title="Di peta", place_name="Kuta", place_latitude=-8.7, place_longitude=115.1
    )
    html = get("/internasional/").content.decode()
    card = html.split("Di peta", 1)[1].split("</article>", 1)[0]
    assert '<span class="marker marker-map">Peta</span>' in card


# The front page's query count: test_front_page.py.


# Tag pages, breadcrumbs, sharing


def test_tag_page_lists_the_sites_stories_with_the_tag_paginated(get, client, site, section):
    from warta.articles.factories import make_site

    for n in range(21):
        article = make_article(section, title=f"Sampah {n:02}", published_at=T0 + timedelta(n))
        article.tags.add("sampah plastik")
        article.save_revision().publish()
    make_article(section, title="Tanpa tag")
    other = make_section(make_site("PosPapusa", "pospapusa.localhost", default=False), "Papua")
    papua = make_article(other, title="Sampah di Papua")
    papua.tags.add("sampah plastik")
    papua.save_revision().publish()

    response = get("/tag/sampah-plastik/")
    html = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "<h1>sampah plastik</h1>" in html
    assert "Sampah 20" in html and "Sampah 00" not in html and "Tanpa tag" not in html
    assert "Sampah di Papua" not in html
    assert "Halaman 1 dari 2" in html and 'href="?page=2"' in html
    assert "Sampah 00" in get("/tag/sampah-plastik/?page=2").content.decode()
    assert get("/tag/sampah-plastik/?page=3").status_code == 404
    assert get("/tag/tidak-ada/").status_code == 404
    # The article links its tags to these pages.
    article_html = get(article.url).content.decode()
    assert '<a href="/tag/sampah-plastik/" rel="tag">sampah plastik</a>' in article_html


def test_article_has_breadcrumbs_and_their_json_ld(get, site, section, json_ld):
    article = make_article(section, title="Judul yang cukup panjang untuk dipotong di jejak")
    html = get(article.url).content.decode()
    crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">BALICITIZEN</a>' in crumbs and '<a href="/internasional/">' in crumbs
    assert 'aria-current="page"' in crumbs
    data = json_ld(html, "BreadcrumbList")
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert items[1]["item"].endswith("/internasional/")
    assert items[2]["item"] == article.full_url


def test_share_links_are_plain_links_and_copy_link_works_as_a_link(get, section):
    article = make_article(section, title="Bagikan ini")
    html = get(article.url).content.decode()
    share = html.split('<ul class="share"', 1)[1].split("</ul>", 1)[0]
    url = "http%3A//balicitizen.localhost/internasional/"
    for start in (
        'href="https://wa.me/?text=',
        'href="https://t.me/share/url?url=',
        'href="https://www.facebook.com/sharer/sharer.php?u=',
        'href="https://x.com/intent/post?url=',
        'href="mailto:?subject=Bagikan%20ini',
    ):
        assert start in share, start
    assert share.count(url) >= 5
    assert f'<a class="share-copy" href="{article.full_url}"' in share
    assert "Salin tautan" in share
    # Sharing loads nothing from the networks: no script or image of theirs.
    assert not re.search(r"<(script|img|iframe)[^>]+(facebook|x\.com|t\.me|wa\.me)", html)


def test_og_image_falls_back_to_the_first_body_photo(get, section):
    photo = make_image(7, size=(1600, 1000))
    body = [
        ("paragraph", RichText("<p>Paragraf.</p>")),
        ("image", {"image": photo, "caption": "", "credit": ""}),
    ]
    article = make_article(section, title="Tanpa foto utama", body=body)
    html = get(article.url).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert image and "foto7" in image.group(1) and "1200x630" in image.group(1)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    plain = make_article(section, title="Tanpa foto sama sekali")
    assert 'property="og:image"' not in get(plain.url).content.decode()
