"""The demo's sources and the seed article's correction (demo/trust_content.py)."""

import re

import pytest
from django.core.management import call_command

from warta.articles.models import ArticlePage
from warta.demo.content import SEED_SLUG, SITES
from warta.trust.models import CorrectionNote

pytestmark = pytest.mark.django_db

SEED_URL = f"/internasional/{SEED_SLUG}/"


@pytest.fixture
def demo(db):
    call_command("load_demo", port=8000, stdout=None, stderr=None)


def test_the_seed_article_carries_the_correction_its_text_needs(client, demo, json_ld):
    html = client.get(SEED_URL, HTTP_HOST="balicitizen.localhost").content.decode()

    top = html[html.index('class="trust-top"') : html.index('class="article-body"')]
    assert "Koreksi" in top
    assert "Ushakov adalah penasihat kebijakan luar negeri Kremlin" in top
    assert "“Kanselir Rusia”" in top
    assert "Jumat, 31 Desember 2021 12.30 WITA" in top
    assert json_ld(html, "NewsArticle")["dateModified"].startswith("2021-12-31T04:30")
    log = client.get("/koreksi/", HTTP_HOST="balicitizen.localhost").content.decode()
    assert "Ushakov adalah penasihat kebijakan luar negeri Kremlin" in log


def test_the_seed_article_names_its_sources_and_keeps_its_dates(client, demo):
    page = ArticlePage.objects.get(slug=SEED_SLUG)
    html = client.get(SEED_URL, HTTP_HOST="balicitizen.localhost").content.decode()

    assert "Yuri Ushakov, penasihat kebijakan luar negeri Kremlin (pernyataan resmi)" in html
    assert "Sumber anonim" in html and "Pejabat senior AS" not in html
    assert page.first_published_at.isoformat() == "2021-12-31T01:15:00+00:00"
    assert page.last_published_at == page.first_published_at
    assert not page.has_unpublished_changes
    # In the latest revision too: the admin's edit form starts from it.
    assert len(page.get_latest_revision_as_object().sources.all()) == 3


def test_every_demo_news_story_and_analysis_has_a_source(demo):
    slugs = [
        article["slug"]
        for site in SITES
        for article in site["articles"]
        if article["story_type"] in ("berita", "analisis")
    ]
    for page in ArticlePage.objects.filter(slug__in=slugs):
        assert page.get_latest_revision_as_object().sources.all(), page.slug
    assert ArticlePage.objects.filter(slug__in=slugs).count() == len(slugs)


def test_loading_again_adds_no_second_source_or_note(demo):
    sources = {page.pk: page.sources.count() for page in ArticlePage.objects.all()}
    call_command("load_demo", port=8000, stdout=None, stderr=None)
    assert {page.pk: page.sources.count() for page in ArticlePage.objects.all()} == sources
    assert CorrectionNote.objects.count() == 1
    assert re.match(r"Berita ini menyebut", CorrectionNote.objects.get().text)
