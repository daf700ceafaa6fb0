"""Feeds: RSS 2.0, Atom and JSON Feed parse, carry stable GUIDs, real dates and the lead image."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from defusedxml import ElementTree as etree
from django.core.cache import cache
from django.utils import timezone

from warta.articles.factories import make_article, make_section
from warta.core.models import SiteSettings
from warta.images.factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(section, author, site):
    other = make_section(site, "Daerah", "daerah")
    photo = make_image()
    first = make_article(
        section,
        title="Banjir rendam Denpasar",
        standfirst="Hujan deras semalam.",
        authors=[author],
        lead_image=photo,
        published_at=datetime(2026, 11, 30, 1, 0, tzinfo=UTC),
    )
    first.tags.add("banjir")
    first.save_revision().publish()
    second = make_article(
        other,
        title="Nelayan Jimbaran kembali melaut",
        authors=[author],
        published_at=datetime(2026, 12, 1, 2, 0, tzinfo=UTC),
    )
    return first, second


def parsed(get, path):
    response = get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/"])
def test_site_feeds_parse_newest_first_with_stable_guids_and_dates(get, stories, path):
    response, feed = parsed(get, path)
    first, second = stories
    assert [e.title for e in feed.entries] == [second.title, first.title]
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
    assert all(e.link.startswith("http://") for e in feed.entries)
    assert feed.entries[1].published_parsed[:4] == (2026, 11, 30, 1)
    assert "public" in response["Cache-Control"] and response.has_header("ETag")


def test_rss_dates_are_rfc_822_and_the_lead_image_is_an_enclosure(get, stories):
    response = get("/feed/")
    channel = etree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    for item in items:
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
        assert item.find("guid").get("isPermaLink") == "false"
    enclosure = items[1].find("enclosure")
    assert enclosure is not None and int(enclosure.get("length")) > 0
    assert enclosure.get("type") == "image/jpeg" and enclosure.get("url").startswith("http")
    assert response["Content-Type"].startswith("application/rss+xml")


def test_a_moved_story_keeps_its_guid(get, stories):
    before = {e.title: e.id for e in parsed(get, "/feed/")[1].entries}
    first = stories[0]
    first.slug = "banjir-denpasar-baru"
    first.save_revision().publish()
    after = {e.title: (e.id, e.link) for e in parsed(get, "/feed/")[1].entries}
    assert after[first.title][0] == before[first.title]
    assert after[first.title][1].endswith("/banjir-denpasar-baru/")


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/feed/rubrik/daerah/", ["Nelayan Jimbaran kembali melaut"]),
        ("/feed/tag/banjir/", ["Banjir rendam Denpasar"]),
        ("/feed/rubrik/internasional/atom/", ["Banjir rendam Denpasar"]),
    ],
)
def test_scoped_feeds_hold_only_their_stories(get, stories, path, expected):
    assert [e.title for e in parsed(get, path)[1].entries] == expected


def test_an_author_feed(get, stories, author):
    titles = [e.title for e in parsed(get, f"/feed/penulis/{author.slug}/")[1].entries]
    assert len(titles) == 2


@pytest.mark.parametrize(
    "path",
    ["/feed/rubrik/tidak-ada/", "/feed/tag/tidak-ada/", "/feed/apa/x/", "/feed/topik/x/json/"],
)
def test_unknown_scopes_are_404(get, stories, path):
    assert get(path).status_code == 404


def test_json_feed_1_1(get, stories):
    response = get("/feed/json/")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert {"title", "home_page_url", "feed_url", "items"} <= set(feed)
    for item in feed["items"]:
        assert {"id", "url", "title", "date_published"} <= set(item)
        assert "content_text" in item or "content_html" in item
        datetime.fromisoformat(item["date_published"])
    assert feed["items"][1]["image"].startswith("http")


def test_full_text_is_a_site_setting(get, stories, site):
    assert "content_html" not in get("/feed/json/").json()["items"][0]
    rss = parsed(get, "/feed/")[1].entries[0]
    assert "<p>" not in rss.summary
    site_settings = SiteSettings.for_site(site)
    site_settings.feed_full_text = True
    site_settings.save()
    cache.clear()
    assert "<p>" in get("/feed/json/").json()["items"][0]["content_html"]
    assert "<p>" in parsed(get, "/feed/")[1].entries[0].summary


def test_rss_carries_the_lead_image_as_media_content(get, stories):
    response = get("/feed/")
    root = etree.fromstring(response.content)
    namespaces = {"media": "http://search.yahoo.com/mrss/"}
    contents = root.findall("./channel/item/media:content", namespaces)
    with_image = [a for a in stories if a.lead_image]
    assert len(contents) == len(with_image) >= 1
    content = contents[0]
    assert content.get("medium") == "image" and content.get("type") == "image/jpeg"
    assert content.get("url").startswith("http")
    assert int(content.get("width")) > 0 and int(content.get("height")) > 0
    enclosure = root.find("./channel/item/enclosure")
    assert enclosure.get("url") == content.get("url")


def test_drafts_and_other_sites_stay_out(get, stories, section):
    draft = make_article(section, title="Belum terbit")
    draft.unpublish()
    titles = [e.title for e in parsed(get, "/feed/")[1].entries]
    assert "Belum terbit" not in titles


def test_old_rss_address_redirects(get):
    response = get("/rss/")
    assert response.status_code == 301 and response["Location"] == "/feed/"


def test_updated_time_follows_a_later_publication(get, stories):
    first = stories[0]
    later = timezone.now() + timedelta(minutes=5)
    type(first).objects.filter(pk=first.pk).update(last_published_at=later)
    entry = next(e for e in parsed(get, "/feed/atom/")[1].entries if e.title == first.title)
    assert entry.updated_parsed[:3] == later.utctimetuple()[:3]


def test_every_page_advertises_the_feeds(get, stories):
    html = get(stories[0].url).content.decode()
    for kind, path in (
        ("rss+xml", "/feed/"),
        ("atom+xml", "/feed/atom/"),
        ("feed+json", "/feed/json/"),
    ):
        assert f'rel="alternate" type="application/{kind}"' in html and f'href="{path}"' in html
