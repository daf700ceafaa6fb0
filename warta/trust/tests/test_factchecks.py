"""Fact-checks: the claim box, ClaimReview JSON-LD, the site's verdict scale, /cek-fakta/."""

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from warta.articles.factories import make_article, make_section, make_site
from warta.articles.models import ArticlePage
from warta.people.factories import make_user
from warta.trust import factchecks
from warta.trust.factchecks import ClaimCheck, FactCheckSettings
from warta.trust.replies import ReplyRequest

SCRIPTS = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
CLAIM = "Air laut di Pantai Kuta mengandung zat berbahaya sehingga pantai ditutup sebulan."


def fact_check(section, title="Cek Fakta: Pantai Kuta ditutup?", verdicts=("Salah",), **fields):
    page = make_article(section, title, story_type="cek-fakta", **fields)
    for number, verdict in enumerate(verdicts):
        ClaimCheck.objects.create(
            page=page,
            sort_order=number,
            claim=CLAIM if number == 0 else f"Klaim {number}",
            claimant="Akun Facebook “Info Bali Terkini”",
            claimant_type="Organization",
            appearance="Facebook",
            appearance_url="https://web.archive.org/web/2026/https://facebook.example/post/1",
            claim_date=date(2026, 11, 28),
            verdict=verdict,
            explanation="Dinas Lingkungan Hidup menguji air laut; hasilnya di bawah ambang batas.",
            evidence="https://dlh.baliprov.example/uji-air-kuta\nhttps://bmkg.example/siaran",
        )
    return page


def test_claim_box_and_claim_review_with_required_properties(get, section, site, json_ld):
    page = fact_check(section, published_at=datetime.fromisoformat("2026-12-01T02:00:00+00:00"))
    response = get(page.url)
    html = response.content.decode()
    assert 'class="factcheck-box"' in html
    assert CLAIM in html
    assert "Akun Facebook “Info Bali Terkini”" in html
    assert "verdict-1" in html and ">Salah<" in html
    assert 'href="https://dlh.baliprov.example/uji-air-kuta"' in html
    assert html.index("factcheck-box") < html.index('class="article-body"')  # before the body

    review = json_ld(html, "ClaimReview")
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == CLAIM
    assert review["url"] == page.full_url
    assert review["datePublished"] == "2026-12-01"
    assert review["author"] == {
        "@type": "Organization",
        "name": "BALICITIZEN",
        "url": site.root_url,
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Salah",
    }
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Organization", "name": "Akun Facebook “Info Bali Terkini”"}
    assert claim["datePublished"] == "2026-11-28"
    assert claim["appearance"]["url"].startswith("https://web.archive.org/")
    # The article's own NewsArticle is still there.
    assert json_ld(html, "NewsArticle")["headline"] == page.title


def test_several_claims_one_review_each(get, section, json_ld):
    page = fact_check(section, verdicts=("Salah", "Sebagian benar"))
    html = get(page.url).content.decode()
    reviews = [data for data in map(json.loads, SCRIPTS.findall(html)) if isinstance(data, list)]
    reviews = reviews[0]
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [1, 3]
    assert reviews[1]["url"].endswith("#klaim-2")
    assert 'id="klaim-2"' in html


def test_other_story_types_get_no_claim_box(get, section):
    page = make_article(section, "Berita biasa", story_type="berita")
    ClaimCheck.objects.create(page=page, claim="x", verdict="Salah", explanation="y")
    html = get(page.url).content.decode()
    assert "factcheck-box" not in html
    assert "ClaimReview" not in html


def test_verdict_scale_per_site(get, section, site, json_ld):
    scale = FactCheckSettings.for_site(site)
    scale.verdict_scale = "Benar|5\nHoaks|1"
    scale.save()
    page = fact_check(section, verdicts=("Hoaks",))
    review = json_ld(get(page.url).content.decode(), "ClaimReview")
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["reviewRating"]["alternateName"] == "Hoaks"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("Benar", "Baris 1"),
        ("Benar|9", "1 sampai 5"),
        ("Benar|5\nbenar|4", "dua kali"),
        ("", "setidaknya satu"),
    ],
)
def test_bad_scale_refused(text, problem):
    with pytest.raises(ValidationError) as refused:
        factchecks.validate_scale(text)
    assert problem in str(refused.value)


def test_evidence_links_must_be_web_addresses():
    factchecks.validate_evidence("https://a.example/\n\nhttp://b.example/x")
    with pytest.raises(ValidationError) as refused:
        factchecks.validate_evidence("https://a.example/\njavascript:alert(1)")
    assert "Baris 2" in str(refused.value)


# --- the index -----------------------------------------------------------------


def test_index_newest_first_and_filtered_by_verdict(get, section):
    now = datetime.fromisoformat("2026-12-01T00:00:00+00:00")
    old_false = fact_check(section, "Lama: salah", published_at=now - timedelta(days=3))
    true = fact_check(section, "Benar: jembatan", ("Benar",), published_at=now - timedelta(days=2))
    new_false = fact_check(section, "Baru: salah", published_at=now - timedelta(days=1))
    make_article(section, "Berita biasa", published_at=now)

    everything = get(reverse("trust-factcheck-index"))
    assert everything.status_code == 200
    assert "public" in everything["Cache-Control"]
    html = everything.content.decode()
    assert "Berita biasa" not in html
    assert html.index(new_false.title) < html.index(true.title) < html.index(old_false.title)

    only_false = get(reverse("trust-factcheck-index") + "?putusan=salah").content.decode()
    assert new_false.title in only_false and old_false.title in only_false
    assert true.title not in only_false
    assert 'aria-current="page">Salah<' in only_false

    unknown = get(reverse("trust-factcheck-index") + "?putusan=ngawur")
    assert unknown.status_code == 200
    assert "Putusan yang tidak dikenal diabaikan" in unknown.content.decode()
    assert true.title in unknown.content.decode()


def test_index_pagination_keeps_the_filter(get, section, monkeypatch):
    monkeypatch.setattr("warta.trust.factchecks_views.PER_PAGE", 2)
    for number in range(3):
        fact_check(section, f"Cek {number}")
    fact_check(section, "Cek benar", ("Benar",))
    first = get(reverse("trust-factcheck-index") + "?putusan=salah").content.decode()
    assert 'href="?putusan=salah&amp;page=2"' in first
    second = get(reverse("trust-factcheck-index") + "?putusan=salah&page=2").content.decode()
    assert second.count('class="factcheck-item"') == 1
    assert "Cek benar" not in second
    assert get(reverse("trust-factcheck-index") + "?page=9").status_code == 404


def test_index_is_per_site(get, section, client):
    fact_check(section, "Cek Bali")
    papua = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    fact_check(make_section(papua, "Papua"), "Cek Papua")
    bali = get(reverse("trust-factcheck-index")).content.decode()
    assert "Cek Bali" in bali and "Cek Papua" not in bali
    papua_html = client.get(
        reverse("trust-factcheck-index"), HTTP_HOST="pospapusa.localhost"
    ).content.decode()
    assert "Cek Papua" in papua_html and "Cek Bali" not in papua_html


# --- publishing through the admin ----------------------------------------------


def article_form(author, claims, story_type="cek-fakta"):
    return nested_form_data(
        {
            "title": "Cek Fakta: Pantai Kuta ditutup?",
            "slug": "cek-fakta-kuta",
            "kicker": "",
            "standfirst": "Unggahan itu menyesatkan.",
            "dateline": "Denpasar",
            "article_authors": inline_formset([{"author": author.pk}], min=1),
            "lead_image": "",
            "body": streamfield([("paragraph", rich_text("<p>Kami memeriksa unggahan.</p>"))]),
            "story_type": story_type,
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "published_at": "",
            "comments": inline_formset([]),
            "claim_checks": inline_formset(claims),
            "sources": inline_formset([]),  # a Cek Fakta may publish without listed sources
            "action-publish": "1",
        }
    )


def claim_row(verdict, **extra):
    row = {
        "claim": CLAIM,
        "claimant": "Akun Facebook",
        "claimant_type": "Organization",
        "appearance": "Facebook",
        "appearance_url": "",
        "claim_date": "2026-11-28",
        "verdict": verdict,
        "explanation": "Hasil uji air di bawah ambang batas.",
        "evidence": "https://dlh.example/uji",
        "ORDER": "1",
    }
    row.update(extra)
    return row


@pytest.fixture
def editor_client(client, site):
    client.force_login(make_user("editor-cf", "Editor"))
    return client


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))


def test_verdict_outside_the_scale_is_refused(editor_client, section, author):
    response = editor_client.post(add_url(section), article_form(author, [claim_row("Hoaks")]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Putusan “Hoaks” tidak ada dalam skala situs ini" in html
    assert "Benar, Sebagian benar, Tidak terbukti, Menyesatkan, Salah" in html
    assert not ArticlePage.objects.filter(slug="cek-fakta-kuta").exists()
    assert not ClaimCheck.objects.exists()


def test_fact_check_without_a_claim_is_refused(editor_client, section, author):
    response = editor_client.post(add_url(section), article_form(author, []))
    assert response.status_code == 200
    assert "setidaknya satu klaim" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="cek-fakta-kuta").exists()


def test_bad_evidence_link_is_refused(editor_client, section, author):
    row = claim_row("Salah", evidence="javascript:alert(1)")
    response = editor_client.post(add_url(section), article_form(author, [row]))
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="cek-fakta-kuta").exists()


def test_verdict_on_the_scale_publishes(editor_client, section, author, get, json_ld):
    response = editor_client.post(add_url(section), article_form(author, [claim_row("salah")]))
    assert response.status_code == 302, response.context["form"].errors
    page = ArticlePage.objects.get(slug="cek-fakta-kuta")
    assert page.live
    assert page.claim_checks.get().verdict == "Salah"  # the scale's own spelling
    review = json_ld(get(page.url).content.decode(), "ClaimReview")
    assert review["reviewRating"]["ratingValue"] == 1


# --- the demo ------------------------------------------------------------------


def test_demo_has_a_fact_check_per_site_and_a_published_reply(client, db, json_ld):
    call_command("load_demo", port=8000, stdout=None, stderr=None)
    call_command("load_demo", port=8000, stdout=None, stderr=None)  # nothing duplicated
    for host, verdict in (
        ("balicitizen.localhost", "Salah"),
        ("pospapusa.localhost", "Menyesatkan"),
    ):
        index = client.get(reverse("trust-factcheck-index"), HTTP_HOST=host).content.decode()
        assert index.count('class="factcheck-item"') == 1
        page = ArticlePage.objects.get(story_type="cek-fakta", path__startswith=_home_path(host))
        html = client.get(page.url, HTTP_HOST=host).content.decode()
        review = json_ld(html, "ClaimReview")
        assert review["reviewRating"]["alternateName"] == verdict
        assert review["author"]["name"] in ("BALICITIZEN", "PosPapusa")
    reply = ReplyRequest.objects.get()
    assert reply.is_published
    html = client.get(reply.get_absolute_url(), HTTP_HOST="balicitizen.localhost").content
    assert reply.reply_text.encode() in html
    assert reply.contact.encode() not in html


def _home_path(host):
    return Site.objects.get(hostname=host).root_page.path


def test_fact_check_on_a_phone(served_page, site, section):
    page = fact_check(section)
    artifacts = Path(settings.BASE_DIR) / "test-artifacts" / "trust"
    artifacts.mkdir(parents=True, exist_ok=True)
    phone = served_page(
        site.hostname, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    phone.goto(f"http://{site.hostname}{page.relative_url(site)}")
    box = phone.locator(".factcheck-box")
    assert box.locator("blockquote.claim").inner_text() == CLAIM
    assert box.locator(".verdict").inner_text() == "Salah"
    assert box.locator(".evidence a").count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(artifacts / "factcheck-360.png"), full_page=True)
    box.get_by_role("link", name="Semua cek fakta").click()
    assert phone.locator("h1").inner_text() == "Cek fakta"
    phone.get_by_role("link", name="Salah").click()
    assert phone.locator(".factcheck-item h2").inner_text() == page.title
    assert phone.blocked == []


def test_scale_edited_in_settings_refuses_a_bad_line(client, site):
    client.force_login(get_user_model().objects.create_superuser("root-cf", "r@warta.test", "x"))
    url = reverse("wagtailsettings:edit", args=["trust", "factchecksettings", site.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"verdict_scale": "Benar|5\nHoaks"})
    assert "Baris 2" in refused.content.decode()
    assert FactCheckSettings.for_site(site).verdict_scale == factchecks.DEFAULT_SCALE
    client.post(url, {"verdict_scale": "Benar|5\nHoaks|1"})
    assert [v.label for v in FactCheckSettings.for_site(site).verdicts] == ["Benar", "Hoaks"]
