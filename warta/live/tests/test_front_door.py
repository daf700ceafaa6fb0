"""What the front door says about live coverage: the card marker, and the page without JS."""

import re

import pytest

from warta.articles.factories import make_article, make_section
from warta.live.factories import make_coverage, make_update
from warta.live.models import LiveCoverage

pytestmark = pytest.mark.django_db


def card_of(html, title):
    return html.split(title, 1)[1].split("</article>", 1)[0]


def test_cards_of_articles_live_now_say_so(client, site):
    section = make_section(site, "Bali", "bali")
    live = make_article(section, title="Banjir di Denpasar")
    ended = make_article(section, title="Banjir kemarin")
    quiet = make_article(section, title="Tanpa liputan langsung")
    make_coverage(live)
    make_coverage(ended, status=LiveCoverage.Status.ENDED)
    for path in ("/", "/bali/"):
        html = client.get(path, HTTP_HOST="balicitizen.localhost").content.decode()
        assert '<span class="marker marker-live">Langsung</span>' in card_of(html, live.title)
        assert "marker-live" not in card_of(html, ended.title)
        assert "marker-live" not in card_of(html, quiet.title)


def test_without_js_the_live_page_says_how_fresh_it_is_and_offers_a_reload(client, coverage, topic):
    make_update(coverage)
    html = client.get(topic.url, HTTP_HOST="balicitizen.localhost").content.decode()
    rendered = re.search(r'<p class="live-rendered">(.*?)</p>', html, re.S).group(1)
    assert "Halaman ini memuat pembaruan hingga" in rendered and "WITA</time>" in rendered
    assert '<a href="/topik/banjir-bali/#live">Muat ulang</a>' in rendered
    # The toggle is there for JS to show, hidden until then.
    assert '<div class="live-controls" hidden>' in html


def test_an_ended_coverage_offers_no_reload(client, coverage, topic):
    coverage.status = LiveCoverage.Status.ENDED
    coverage.save()
    html = client.get(topic.url, HTTP_HOST="balicitizen.localhost").content.decode()
    assert "live-rendered" not in html


def test_home_strip_lists_coverages_live_now_and_a_live_article_leads(client, site):
    from datetime import timedelta

    from django.utils import timezone

    from warta.live.factories import make_topic

    section = make_section(site, "Bali", "bali")
    now = timezone.now()
    make_article(section, title="Berita terbaru", published_at=now)
    live_article = make_article(section, title="Gempa Karangasem", published_at=now - timedelta(1))
    topic = make_topic(site)
    ended = make_article(section, title="Sudah selesai", published_at=now - timedelta(2))
    make_coverage(live_article)
    topic_coverage = make_coverage(topic)
    make_update(topic_coverage, time=now - timedelta(minutes=5))
    make_coverage(ended, status=LiveCoverage.Status.ENDED)
    html = client.get("/", HTTP_HOST="balicitizen.localhost").content.decode()
    strip = html.split('<section class="live-strip"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/topik/banjir-bali/">Banjir Bali</a>' in strip
    assert f'<a href="{live_article.relative_url(site)}">Gempa Karangasem</a>' in strip
    assert "Sudah selesai" not in strip
    # Most recently updated first, its time in the site's zone.
    assert strip.index("Banjir Bali") < strip.index("Gempa Karangasem")
    assert "Sedang berlangsung · diperbarui" in strip and "WITA" in strip
    # Live first: the live article leads, though a newer story exists.
    lead = html.split('<article class="lead-story">', 1)[1].split("</article>", 1)[0]
    assert "Gempa Karangasem" in lead and '<span class="marker marker-live">' in lead
    # Nothing live: no strip, the newest leads.
    LiveCoverage.objects.update(status=LiveCoverage.Status.PAUSED)
    html = client.get("/", HTTP_HOST="balicitizen.localhost").content.decode()
    assert "live-strip" not in html
    assert (
        "Berita terbaru" in html.split('<article class="lead-story">', 1)[1].split("</article>")[0]
    )
