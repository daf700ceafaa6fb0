"""The article list and one article: public articles only, filters, cursor pages."""

from datetime import datetime, timedelta

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from warta.articles.factories import make_article, make_author, make_section, make_site
from warta.articles.models import ArticlePage, StoryType
from warta.live.factories import make_topic

pytestmark = pytest.mark.django_db

T0 = datetime.fromisoformat("2026-01-10T08:00:00+00:00")


def titles(response):
    assert response.status_code == 200, response.data
    return [item["title"] for item in response.data["items"]]


def test_list_shows_published_articles_newest_first_with_their_byline(api, section, author):
    make_article(section, title="Lama", published_at=T0, authors=[author])
    make_article(section, title="Baru", published_at=T0 + timedelta(hours=1), authors=[author])
    response = api("articles")
    assert titles(response) == ["Baru", "Lama"]
    first = response.data["items"][0]
    assert first["section"]["title"] == "Internasional"
    assert first["kicker"] == "Internasional"
    assert [a["title"] for a in first["authors"]] == ["Ni Luh Ayu"]
    assert first["url"].startswith("http://balicitizen.localhost/internasional/")
    assert first["published_at"].startswith("2026-01-10T09:00:00")


def test_drafts_private_pages_and_other_sites_are_not_shown(api, site, section):
    make_article(section, title="Terbit")
    draft = ArticlePage(title="Draf", slug="draf", body=[])
    section.add_child(instance=draft)
    draft.save_revision()
    ArticlePage.objects.filter(pk=draft.pk).update(live=False)
    hidden = make_section(site, "Rahasia", "rahasia")
    make_article(hidden, title="Tersembunyi")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    other = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    make_article(make_section(other, "Papua"), title="Papua")
    assert titles(api("articles")) == ["Terbit"]
    assert api(f"articles/{draft.pk}").status_code == 404
    private = ArticlePage.objects.get(title="Tersembunyi")
    assert api(f"articles/{private.pk}").status_code == 404
    assert titles(api(f"articles?site={other.pk}")) == ["Papua"]


def test_each_filter_narrows_the_list(api, site, section, author):
    other_section = make_section(site, "Bali")
    topic = make_topic(site)
    second_author = make_author(site, "Made")
    make_article(section, title="Semua", authors=[author], published_at=T0)
    tagged = make_article(
        other_section,
        title="Lain",
        authors=[second_author],
        story_type=StoryType.OPINION,
        published_at=T0 + timedelta(hours=1),
    )
    tagged.tags.add("banjir")
    tagged.topics.add(topic)
    tagged.save_revision().publish()
    assert titles(api(f"articles?section={other_section.pk}")) == ["Lain"]
    assert titles(api(f"articles?topic={topic.pk}")) == ["Lain"]
    assert titles(api("articles?tag=banjir")) == ["Lain"]
    assert titles(api("articles?type=opini")) == ["Lain"]
    assert titles(api(f"articles?author={author.pk}")) == ["Semua"]
    lain = api(f"articles?author={second_author.pk}").data["items"][0]
    assert lain["tags"] == [{"name": "banjir", "slug": "banjir"}]
    assert [t["title"] for t in lain["topics"]] == ["Banjir Bali"]
    assert lain["type_label"] == "Opini"


def test_updated_since_keeps_articles_republished_after_it(api, section):
    old = make_article(section, title="Lama")
    ArticlePage.objects.filter(pk=old.pk).update(last_published_at=T0)
    make_article(section, title="Baru")  # published now
    assert titles(api("articles?updated_since=2026-06-01T00:00:00Z")) == ["Baru"]
    assert set(titles(api("articles?updated_since=2026-01-01T00:00:00"))) == {"Lama", "Baru"}


def test_cursor_pages_reach_every_article_once(api, section):
    for n in range(7):
        make_article(section, title=f"Berita {n}", published_at=T0 + timedelta(minutes=n % 3))
    seen, path = [], "articles?limit=3"
    while path:
        response = api(path)
        seen += titles(response)
        assert len(response.data["items"]) <= 3
        following = response.data["next"]
        assert (following is None) == (response.data["next_cursor"] is None)
        path = following.split("/api/v1/", 1)[1] if following else None
    assert sorted(seen) == sorted(f"Berita {n}" for n in range(7))


def test_one_article_has_its_body_as_blocks_and_html(api, section, author):
    unpublished = make_article(section, title="Ditarik")
    unpublished.unpublish()
    related = make_article(section, title="Bacaan terkait")
    body = [
        ("paragraph", RichText("<p>Paragraf <b>satu</b>.</p>")),
        ("heading", {"text": "Subjudul", "level": "h2"}),
        ("quote", {"quote": "Kutipan", "attribution": "Narasumber"}),
        ("related", {"page": related}),
        ("related", {"page": unpublished}),
        ("map", {"place_name": "Kuta", "latitude": -8.72, "longitude": 115.17, "zoom": 9}),
    ]
    article = make_article(section, title="Lengkap", authors=[author], body=body)
    response = api(f"articles/{article.pk}")
    assert response.status_code == 200
    blocks = response.data["body"]
    assert [b["type"] for b in blocks] == [
        "paragraph", "heading", "quote", "related", "related", "map",
    ]  # fmt: skip
    assert blocks[0]["value"] == {"html": "<p>Paragraf <b>satu</b>.</p>\n"}
    assert blocks[1]["value"] == {"text": "Subjudul", "level": "h2"}
    assert blocks[2]["value"] == {"quote": "Kutipan", "attribution": "Narasumber"}
    assert blocks[3]["value"]["title"] == "Bacaan terkait"
    assert blocks[3]["value"]["url"].startswith("http://balicitizen.localhost/internasional/")
    assert blocks[4]["value"] is None
    assert blocks[5]["value"]["place_name"] == "Kuta"
    html = response.data["body_html"]
    assert "<p>Paragraf <b>satu</b>.</p>" in html
    assert "Subjudul" in html and "Bacaan terkait" in html and "Ditarik" not in html


def test_a_photo_is_its_rendition_never_the_original(api, section):
    from warta.articles.tests.test_query_count import make_image

    image = make_image(1)
    body = [("image", {"image": image, "caption": "", "credit": ""})]
    article = make_article(section, body=body, lead_image=image)
    data = api(f"articles/{article.pk}").data
    photo = data["body"][0]["value"]
    assert photo["credit"] == "Redaksi"
    assert photo["width"] == 64
    assert "/images/" in photo["url"] and image.file.name not in photo["url"]
    assert image.file.name not in data["lead_image"]["url"]
    assert image.file.name not in data["body_html"]


def test_an_approximate_place_is_sent_rounded(api, section):
    article = make_article(
        section, place_name="Sentani", place_latitude=-2.571234, place_longitude=140.51789,
        place_approximate=True,
    )  # fmt: skip
    place = api(f"articles/{article.pk}").data["place"]
    assert place == {
        "name": "Sentani", "latitude": -2.57, "longitude": 140.52, "approximate": True,
        "regency": "", "province": "",
    }  # fmt: skip
