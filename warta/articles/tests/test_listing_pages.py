from datetime import datetime, timedelta

import pytest

from warta.articles.factories import make_article, make_section, publish
from warta.articles.models import SectionPage, TopicIndexPage, TopicPage

pytestmark = pytest.mark.django_db

T0 = datetime.fromisoformat("2026-11-20T00:00:00+00:00")


def test_home_shows_the_latest_stories_of_each_section_newest_first(get, site, section):
    other = make_section(site, "Lingkungan", "lingkungan")
    for hour in range(6):
        make_article(section, title=f"Dunia {hour}", published_at=T0 + timedelta(hours=hour))
    make_article(other, title="Pantai bersih", published_at=T0)
    html = get("/").content.decode()
    assert html.index("Internasional") < html.index("Lingkungan")
    # The newest leads the page; then four per section, newest first: "Dunia 4" .. "Dunia 1".
    lead = html.split('<article class="lead-story">', 1)[1].split("</article>", 1)[0]
    assert "Dunia 5" in lead and html.count("Dunia 5</a>") == 1
    assert html.index("Dunia 5") < html.index("Dunia 4") < html.index("Dunia 1")
    assert "Dunia 0" not in html
    assert "Pantai bersih" in html


def test_home_leaves_out_drafts_and_empty_sections(get, site, section):
    make_section(site, "Kosong", "kosong")
    draft = make_article(section, title="Masih draf")
    draft.unpublish()
    html = get("/").content.decode()
    assert "Masih draf" not in html
    assert 'class="section-heading"><a href="/kosong/">' not in html


def test_section_paginates_and_rejects_bad_page_numbers(get, section):
    for i in range(SectionPage.paginate_by + 1):
        make_article(section, title=f"Cerita {i:02}", published_at=T0 + timedelta(minutes=i))
    first = get("/internasional/").content.decode()
    assert "Cerita 20" in first and "Cerita 00" not in first
    assert "Halaman 1 dari 2" in first
    assert "Cerita 00" in get("/internasional/?page=2").content.decode()
    for bad in ("0", "3", "abc", "-1", "1e9", "%00"):
        response = get(f"/internasional/?page={bad}")
        assert response.status_code == 404, bad
        assert "Halaman tidak ditemukan" in response.content.decode()


def test_topic_hub_lists_the_articles_tagged_with_it(get, site, section):
    index = publish(site.root_page.specific, TopicIndexPage(title="Topik", slug="topik"))
    topic = publish(index, TopicPage(title="Rusia dan Ukraina", slug="rusia-ukraina"))
    tagged = make_article(section, title="Dengan topik")
    tagged.topics = [topic]
    tagged.save_revision().publish()
    make_article(section, title="Tanpa topik")
    html = get("/topik/rusia-ukraina/").content.decode()
    assert "Dengan topik" in html and "Tanpa topik" not in html
    assert "Rusia dan Ukraina" in get("/topik/").content.decode()


def test_author_page_shows_bio_and_their_stories(get, section, author):
    author.bio = "<p>Meliput lingkungan.</p>"
    author.save_revision().publish()
    make_article(section, title="Tulisan Ayu", authors=[author])
    make_article(section, title="Tulisan orang lain")
    html = get(author.url.split(".localhost", 1)[-1]).content.decode()
    assert "Meliput lingkungan." in html
    assert "Tulisan Ayu" in html and "Tulisan orang lain" not in html
    assert "Ni Luh Ayu" in get("/penulis/").content.decode()
