"""Editors pin, remove, restore and add related reads on the article's admin page."""

import pytest
from django.urls import reverse

from warta.discovery.related import recompute
from warta.discovery.related_models import RelatedPlacement, RelatedRead
from warta.discovery.tests.related_corpus import FLOOD, story
from warta.people.factories import make_user
from warta.people.roles import EDITOR, REPORTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(section):
    first = story(section, "Banjir merendam Denpasar", FLOOD)
    story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    recompute(first.pk)
    return first


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("redaktur", EDITOR))
    return client


def url(article):
    return reverse("related_reads", args=[article.pk])


def test_the_article_edit_page_links_to_its_related_reads(editor_client, article):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert url(article) in response.content.decode()


def test_an_editor_removes_and_restores_a_suggestion(editor_client, article):
    row = RelatedRead.objects.get(article=article)
    page = editor_client.get(url(article)).content.decode()
    assert f'id="related-row-{row.pk}"' in page
    editor_client.post(url(article), {"action": "remove", "row": row.pk})
    row.refresh_from_db()
    assert row.removed and not row.pinned
    editor_client.post(url(article), {"action": "restore", "row": row.pk})
    row.refresh_from_db()
    assert not row.removed


def test_an_editor_pins_another_article_first(editor_client, article, section):
    chosen = story(section, "Festival layang-layang di Sanur", "Ratusan layang-layang.")
    response = editor_client.post(url(article), {"action": "add", "related": chosen.pk})
    assert response.status_code == 302
    pinned = RelatedRead.objects.get(article=article, related=chosen)
    assert pinned.pinned and pinned.reason == "editor"
    recompute(article.pk)
    first = RelatedRead.objects.filter(article=article).order_by("-pinned", "position", "-score")
    assert first[0].related_id == chosen.pk


def test_an_editor_chooses_the_inline_paragraph(editor_client, article):
    editor_client.post(url(article), {"action": "placement", "after_paragraph": "1"})
    assert RelatedPlacement.objects.get(article=article).after_paragraph == 1


@pytest.mark.parametrize(
    "data",
    [
        {"action": "placement", "after_paragraph": "-1"},
        {"action": "placement", "after_paragraph": "many"},
        {"action": "add", "related": "999999"},
        {"action": "explode"},
    ],
)
def test_bad_input_is_a_clear_400(editor_client, article, data):
    response = editor_client.post(url(article), data)
    assert response.status_code == 400
    assert not RelatedPlacement.objects.exists()


def test_an_article_cannot_be_its_own_related_read(editor_client, article):
    response = editor_client.post(url(article), {"action": "add", "related": article.pk})
    assert response.status_code == 400
    assert not RelatedRead.objects.filter(article=article, related=article).exists()


def test_an_article_of_another_site_cannot_be_pinned(editor_client, article):
    from warta.articles.factories import make_section, make_site

    other = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    foreign = story(make_section(other, "Papua"), "Banjir di Sentani", FLOOD)
    response = editor_client.post(url(article), {"action": "add", "related": foreign.pk})
    assert response.status_code == 400
    assert not RelatedRead.objects.filter(related=foreign).exists()


def test_a_reporter_cannot_change_related_reads(client, article):
    client.force_login(make_user("wartawan", REPORTER))
    row = RelatedRead.objects.get(article=article)
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    for response in (
        client.get(url(article)),
        client.post(url(article), {"action": "remove", "row": row.pk}),
    ):
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    row.refresh_from_db()
    assert not row.removed


def test_a_row_of_another_article_is_not_found(editor_client, article, section):
    other = story(section, "Banjir lagi", FLOOD)
    recompute(other.pk)
    foreign_row = RelatedRead.objects.filter(article=other).first()
    response = editor_client.post(url(article), {"action": "remove", "row": foreign_row.pk})
    assert response.status_code == 404
