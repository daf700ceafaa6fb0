"""Sites, sections, topics and authors: public pages of the site asked, in pages."""

import pytest
from wagtail.models import PageViewRestriction

from warta.articles.factories import make_author, make_section, make_site
from warta.live.factories import make_coverage, make_topic

pytestmark = pytest.mark.django_db


def names(response, key="title"):
    assert response.status_code == 200, response.data
    return [item[key] for item in response.data["items"]]


def test_sections_are_the_sites_public_ones(api, site, section):
    hidden = make_section(site, "Rahasia", "rahasia")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    hidden_draft = make_section(site, "Draf", "draf")
    hidden_draft.unpublish()
    other = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    make_section(other, "Papua")
    assert names(api("sections")) == ["Internasional"]
    assert names(api(f"sections?site={other.pk}")) == ["Papua"]


def test_topics_say_which_has_a_live_coverage(api, site):
    quiet = make_topic(site, "Pilkada", "pilkada")
    live = make_topic(site, "Banjir", "banjir")
    coverage = make_coverage(live)
    items = {item["title"]: item for item in api("topics").data["items"]}
    assert items["Banjir"]["live_coverage"] == coverage.pk
    assert items["Pilkada"]["live_coverage"] is None
    assert items["Pilkada"]["id"] == quiet.pk


def test_authors_are_bylines_without_accounts(api, site, author):
    author.bio = f'<p>Wartawan <a linktype="page" id="{site.root_page_id}">Bali</a>.</p>'
    author.save_revision().publish()
    items = api("authors").data["items"]
    assert [item["name"] for item in items] == ["Ni Luh Ayu"]
    link = '<a href="http://balicitizen.localhost/" rel="noopener">Bali</a>'
    assert items[0]["bio_html"] == f"<p>Wartawan {link}.</p>"
    assert "user" not in items[0]


def test_a_long_list_comes_in_cursor_pages(api, site):
    for n in range(5):
        make_author(site, f"Penulis {n}")
    first = api("authors?limit=2")
    assert names(first, "name") == ["Penulis 0", "Penulis 1"]
    cursor = first.data["next_cursor"]
    assert names(api(f"authors?limit=2&cursor={cursor}"), "name") == ["Penulis 2", "Penulis 3"]


def test_sites_are_listed_with_their_zone(api, site):
    make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    zones = {item["name"]: item["time_zone"] for item in api("sites").data["items"]}
    assert zones["BALICITIZEN"] == "Asia/Makassar"
    assert zones["PosPapusa"] == "Asia/Jayapura"


def test_sites_take_no_site_filter(api, site):
    assert api(f"sites?site={site.pk}").status_code == 400
