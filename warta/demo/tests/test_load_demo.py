"""The demo reproduces the seed page and can be loaded twice without duplicates."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from wagtail.models import Page

from warta.articles.models import ArticlePage
from warta.demo.content import SEED, SEED_FILE, parse_seed

pytestmark = pytest.mark.django_db

SEED_URL = "/internasional/putin-menanggapi-memuaskan-pembicaraan-dengan-biden/"


@pytest.fixture
def demo(db):
    call_command("load_demo", port=8000, stdout=None, stderr=None)


def text(html):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()


def test_seed_file_parses_into_its_parts():
    seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
    assert seed["site_name"] == "BALICITIZEN"
    assert seed["headline"] == "Putin menanggapi ‘memuaskan’ pembicaraan dengan Biden"
    assert seed["section_label"] == "bagian dalam"
    assert len(seed["paragraphs"]) == 7
    assert seed["paragraphs"][0].startswith("Ketegangan meningkat")
    assert seed["related_headline"].startswith("Pertempuran Donbass:")


def test_seed_page_is_reproduced_on_balicitizen(client, demo):
    html = client.get(SEED_URL, HTTP_HOST="balicitizen.localhost").content.decode()
    assert '<a class="logo" href="/">BALICITIZEN</a>' in html
    assert f'<p class="tagline">{SEED["tagline"]}</p>' in html
    assert f"<title>{SEED['headline']} | {SEED['section_label']} – BALICITIZEN</title>" in html
    assert f"<h1>{SEED['headline']}</h1>" in html
    assert f">{SEED['section_label']}</a>" in html
    body = text(html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0])
    positions = [body.index(paragraph) for paragraph in SEED["paragraphs"]]
    assert positions == sorted(positions)
    assert "Jumat, 31 Desember 2021 09.15 WITA" in html


def test_seed_read_link_points_to_the_donbass_article(client, demo):
    html = client.get(SEED_URL, HTTP_HOST="balicitizen.localhost").content.decode()
    link = re.search(r'<p class="related-read"><a href="([^"]+)">(.*?)</a>', html, re.S)
    assert text(link.group(2)) == "Baca juga " + SEED["related_headline"]
    target = client.get(link.group(1), HTTP_HOST="balicitizen.localhost")
    assert target.status_code == 200
    assert unescape(SEED["related_headline"]) in unescape(target.content.decode())


def test_both_sites_answer_on_their_own_host_in_their_own_zone(client, demo):
    bali = client.get("/", HTTP_HOST="balicitizen.localhost").content.decode()
    papua = client.get("/", HTTP_HOST="pospapusa.localhost").content.decode()
    assert ">BALICITIZEN</a>" in bali and "WITA</time>" in bali
    assert ">PosPapusa</a>" in papua and "WIT</time>" in papua and "WITA</time>" not in papua
    # Any other local name (127.0.0.1 in the demo) gets the default site.
    assert ">BALICITIZEN</a>" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()


def test_home_pages_look_like_a_working_paper(client, demo):
    for host in ("balicitizen.localhost", "pospapusa.localhost"):
        html = client.get("/", HTTP_HOST=host).content.decode()
        assert html.count('class="section-heading"') >= 3, host
        assert html.count('<article class="card">') >= 4, host


def test_loading_twice_creates_nothing_new(demo):
    pages, articles = Page.objects.count(), ArticlePage.objects.count()
    call_command("load_demo", port=8000)
    assert (Page.objects.count(), ArticlePage.objects.count()) == (pages, articles)
