"""Readers are offered only live, public articles of the same site."""

import pytest
from wagtail.models import PageViewRestriction

from warta.articles.factories import make_section, make_site
from warta.discovery.related import recompute, refresh_on_publish
from warta.discovery.related_models import RelatedRead
from warta.discovery.tests.related_corpus import FLOOD, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(section):
    return story(section, "Banjir merendam Denpasar", FLOOD)


def suggested(article):
    return set(RelatedRead.objects.filter(article=article).values_list("related_id", flat=True))


def test_an_unpublished_article_is_never_suggested(article, section, get):
    draft = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    later = story(section, "Denpasar siapkan tanggul banjir", FLOOD)
    recompute(article.pk)
    assert {draft.pk, later.pk} <= suggested(article)
    later.unpublish()
    assert later.title not in get(article.url).content.decode()  # at once, before any recompute
    draft.unpublish()
    recompute(article.pk)
    assert not {draft.pk, later.pk} & suggested(article)


def test_a_private_article_is_never_suggested(article, section, get):
    private = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    recompute(article.pk)
    assert private.pk in suggested(article)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert private.title not in get(article.url).content.decode()
    recompute(article.pk)
    assert private.pk not in suggested(article)
    # Published while private, it is offered to no other article.
    refresh_on_publish(private.pk)
    assert not RelatedRead.objects.filter(related=private).exists()


def test_articles_of_another_site_are_never_suggested(article, section, get):
    other = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    foreign = story(make_section(other, "Papua"), "Banjir merendam Denpasar", FLOOD)
    local = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    refresh_on_publish(foreign.pk)
    refresh_on_publish(article.pk)
    assert suggested(article) == {local.pk}
    assert not suggested(foreign)
    # A row that crossed sites anyway (moved page, hand-made row) is not shown.
    RelatedRead.objects.create(article=article, related=foreign, score=9, reason="text")
    assert "PosPapusa" not in get(article.url).content.decode()
    assert foreign.url not in get(article.url).content.decode()


def test_unpublishing_an_article_refills_the_lists_it_was_on(
    article, section, django_capture_on_commit_callbacks
):
    gone = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    spare = story(section, "Denpasar siapkan tanggul banjir", FLOOD)
    recompute(article.pk)
    # As if the list had been full when it was computed:
    RelatedRead.objects.filter(article=article, related=spare).delete()
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert suggested(article) == {spare.pk}
