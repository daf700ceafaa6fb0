"""Readers get the inline "BACA JUGA" after the chosen paragraph and a list at the end."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from warta.articles.factories import make_article
from warta.discovery.related import recompute
from warta.discovery.related_models import RelatedPlacement, RelatedRead
from warta.discovery.tests.related_corpus import FLOOD, story

pytestmark = pytest.mark.django_db


def six_paragraphs():
    return "\n\n".join(f"{FLOOD} Paragraf nomor {n}." for n in range(1, 7))


@pytest.fixture
def flood(section):
    """An article of six paragraphs and three stories on the same flood."""
    article = story(section, "Banjir merendam Denpasar", six_paragraphs())
    others = [
        story(section, title, FLOOD)
        for title in (
            "Warga Denpasar membersihkan sisa banjir",
            "Denpasar siapkan tanggul banjir",
            "Rendaman banjir surut di Denpasar",
        )
    ]
    recompute(article.pk)
    return article, others


def blocks_before_inline(html):
    """How many body paragraphs come before the automatic inline read."""
    body = html[html.index('class="article-body"') :]
    return body[: body.index("related-read-auto")].count("Paragraf nomor")


def end_list(html):
    match = re.search(r'<aside class="related-reads".*?</aside>', html, re.S)
    return match.group() if match else ""


def test_the_inline_read_follows_the_third_paragraph_by_default(get, flood):
    article, others = flood
    html = get(article.url).content.decode()
    assert html.count("related-read-auto") == 1
    assert blocks_before_inline(html) == 3
    first = RelatedRead.objects.filter(article=article).order_by("-score").first().related
    inline = html[html.index("related-read-auto") :][:400]
    assert first.title in inline and f"/{first.slug}/" in inline


def test_the_inline_read_follows_the_paragraph_the_editor_chose(get, flood):
    article, _ = flood
    RelatedPlacement.objects.create(article=article, after_paragraph=5)
    assert blocks_before_inline(get(article.url).content.decode()) == 5


def test_an_editor_can_keep_the_flow_free_of_inline_reads(get, flood):
    article, others = flood
    RelatedPlacement.objects.create(article=article, after_paragraph=0)
    html = get(article.url).content.decode()
    assert "related-read-auto" not in html
    assert all(other.title in end_list(html) for other in others)


def test_the_end_list_holds_the_others_without_repeating_the_inline_one(get, flood):
    article, others = flood
    html = get(article.url).content.decode()
    inline = html[html.index("related-read-auto") :][:400]
    listed = end_list(html)
    assert listed.count("<li>") == 2
    for other in others:
        assert (other.title in inline) != (other.title in listed)
    assert "Berita terkait" in listed


def test_no_automatic_read_repeats_a_hand_added_one(get, section):
    hand_picked = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    other = story(section, "Denpasar siapkan tanggul banjir", FLOOD)
    body = [("paragraph", RichText(f"<p>{FLOOD} Paragraf nomor {n}.</p>")) for n in range(1, 6)]
    body.insert(4, ("related", {"page": hand_picked}))
    article = make_article(section, title="Banjir merendam Denpasar", body=body)
    recompute(article.pk)
    assert RelatedRead.objects.filter(article=article, related=hand_picked).exists()
    html = get(article.url).content.decode()
    assert "related-read-auto" not in html  # the editor's own "BACA JUGA" is the inline one
    assert html.count(hand_picked.title) == 1
    assert other.title in end_list(html)


def test_an_article_without_related_reads_renders_as_before(get, section):
    article = story(section, "Festival layang-layang di Sanur", six_paragraphs())
    html = get(article.url).content.decode()
    assert "related-read" not in html and "related-reads" not in html


def queries(get, article):
    get(article.url)
    with CaptureQueriesContext(connection) as captured:
        assert get(article.url).status_code == 200
    return len(captured)


def test_related_reads_cost_at_most_two_queries_on_the_article_page(get, flood, section):
    article, _ = flood
    bare = story(section, "Festival layang-layang di Sanur", six_paragraphs())
    assert queries(get, article) <= queries(get, bare) + 2
