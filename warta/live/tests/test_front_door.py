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
