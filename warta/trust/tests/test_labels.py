"""The trust labels on every article: notes count, update time, standards links, author bio."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from warta.articles.factories import make_article, make_author, publish
from warta.articles.models import StandingPage
from warta.people.factories import make_user
from warta.trust.corrections import add_note, withdraw_note
from warta.trust.models import ArticleSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("redaktur", "Editor")


def standing(site, role, title):
    return publish(site.root_page.specific, StandingPage(title=title, slug=role, role=role))


def end_of(html):
    """The trust section at the end of the article (not the site's footer after it)."""
    start = html.index('class="trust-end"')
    return html[start : html.index("</section>", start)]


def test_links_to_the_standing_pages_the_site_has(get, site, section):
    standards = standing(site, "pedoman", "Pedoman Media Siber")
    policy = standing(site, "koreksi", "Kebijakan koreksi")
    standing(site, "tentang", "Tentang kami")
    article = make_article(section)

    end = end_of(get(article.url).content.decode())

    assert f'<a href="{standards.get_url(current_site=site)}">Pedoman redaksi</a>' in end
    assert f'<a href="{policy.get_url(current_site=site)}">Kebijakan koreksi</a>' in end
    assert "Tentang kami" not in end  # only standards, corrections policy and ownership
    assert "trust-links" in end


def test_no_standing_pages_no_links_and_no_error(get, section):
    article = make_article(section)

    response = get(article.url)

    assert response.status_code == 200
    assert "trust-links" not in end_of(response.content.decode())


def test_an_unpublished_standing_page_is_not_linked(get, site, section):
    draft = standing(site, "kepemilikan", "Kepemilikan")
    draft.unpublish()
    article = make_article(section)

    assert "/kepemilikan/" not in end_of(get(article.url).content.decode())


def test_the_authors_bio_is_shown_when_there_is_one(get, site, section):
    author = make_author(site, "Ni Luh Ayu")
    author.bio = "<p>Meliput lingkungan di Bali selatan.</p>"
    author.save_revision().publish()
    quiet = make_author(site, "Made Wira")
    article = make_article(section, authors=[author, quiet])

    end = end_of(get(article.url).content.decode())

    assert "Meliput lingkungan di Bali selatan." in end
    assert author.get_url(current_site=site) in end
    assert quiet.get_url(current_site=site) not in end


def test_the_count_counts_notes_in_force(get, section, editor):
    article = make_article(section)
    add_note(article, editor, "koreksi", "Ralat pertama.")
    add_note(article, editor, "klarifikasi", "Klarifikasi.")
    withdraw_note(add_note(article, editor, "pembaruan", "Salah pasang."), editor, "Keliru.")

    html = get(article.url).content.decode()

    assert "2 catatan koreksi" in html
    assert html.count('class="trust-note ') == 3


def test_an_article_without_notes_has_no_top_box(get, section):
    article = make_article(section)
    assert 'class="trust-top"' not in get(article.url).content.decode()


def test_notes_and_sources_cost_no_more_queries_however_many(get, section, editor):
    def queries(article):
        get(article.url)
        with CaptureQueriesContext(connection) as captured:
            assert get(article.url).status_code == 200
        return len(captured)

    bare = make_article(section, title="Tanpa catatan")
    full = make_article(section, title="Banyak catatan")
    for n in range(5):
        add_note(full, editor, "pembaruan", f"Pembaruan {n}.")
        ArticleSource.objects.create(article=full, kind="dokumen", name=f"Dokumen {n}")

    assert queries(full) == queries(bare)


def test_a_note_right_after_publication_does_not_say_updated_twice(get, section, editor):
    article = make_article(section)
    add_note(article, editor, "koreksi", "Ralat segera.")

    html = get(article.url).content.decode()

    assert "Ralat segera." in html
    assert 'class="trust-modified"' not in html
