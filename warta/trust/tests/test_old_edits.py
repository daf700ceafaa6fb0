"""The old-story-edit alarm: report, compare link, mail — and quiet for fresh stories."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision
from wagtail.rich_text import RichText

from warta.articles.factories import make_article
from warta.articles.models import ArticlePage
from warta.people.factories import make_user
from warta.people.roles import EDITOR, REPORTER
from warta.trust.old_edits import old_edit_entries

pytestmark = pytest.mark.django_db


def age(article, days):
    """Pretend the article first went out `days` ago: page, its revisions and its log."""
    delta = timedelta(days=days)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=F("first_published_at") - delta,
        last_published_at=F("last_published_at") - delta,
    )
    PageLogEntry.objects.filter(page=article).update(timestamp=F("timestamp") - delta)
    Revision.page_revisions.filter(object_id=str(article.pk)).update(
        created_at=F("created_at") - delta
    )
    article.refresh_from_db()


def edit(article, user, text):
    page = ArticlePage.objects.get(pk=article.pk)
    page.body = [("paragraph", RichText(f"<p>{text}</p>"))]
    page.save_revision(user=user).publish(user=user)
    return page


@pytest.fixture
def editor(db):
    return make_user("redaktur", EDITOR)


@pytest.fixture
def old_and_fresh(section, author, editor, django_capture_on_commit_callbacks):
    old = make_article(section, title="Berita lama yang diubah", authors=[author])
    fresh = make_article(section, title="Berita baru yang diperbaiki", authors=[author])
    age(old, 31)
    age(fresh, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(old, editor, "Isi yang ditulis ulang diam-diam.")
        edit(fresh, editor, "Salah ketik diperbaiki.")
    return old, fresh


def test_lists_an_article_edited_31_days_after_publication_and_not_one_after_2(old_and_fresh):
    old, fresh = old_and_fresh
    entries = list(old_edit_entries())
    assert [entry.page_id for entry in entries] == [old.pk]
    assert entries[0].user.get_username() == "redaktur"


def test_report_shows_who_when_and_a_readable_diff(client, old_and_fresh, editor):
    old, fresh = old_and_fresh
    client.force_login(editor)
    response = client.get(reverse("trust_old_edits"))
    assert response.status_code == 200
    html = response.content.decode()
    assert old.title in html
    assert fresh.title not in html
    assert "redaktur" in html
    compare = response.context["object_list"][0].compare_url
    assert compare and compare in html
    diff = client.get(compare)
    assert diff.status_code == 200
    text = diff.content.decode()
    assert "Isi yang ditulis ulang diam-diam." in text
    assert "Paragraf 1." in text  # the text it replaced, not JSON


def test_editors_are_mailed_the_text_diff(old_and_fresh, editor):
    old, _fresh = old_and_fresh
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert old.title in message.subject
    assert "+Isi yang ditulis ulang diam-diam." in message.body
    assert "-Paragraf 1." in message.body
    assert "/revisions/compare/" in message.body


def test_no_mail_when_turned_off(
    settings, section, author, editor, django_capture_on_commit_callbacks
):
    settings.WARTA_OLD_EDIT_EMAIL = False
    old = make_article(section, title="Arsip", authors=[author])
    age(old, 40)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edit(old, editor, "Diubah.")
    assert mail.outbox == []
    assert callbacks  # publishing queued its usual work; the alarm stayed quiet
    assert [entry.page_id for entry in old_edit_entries()] == [old.pk]


def test_reporters_cannot_open_the_report(client, old_and_fresh):
    client.force_login(make_user("wartawan", REPORTER))
    response = client.get(reverse("trust_old_edits"))
    assert response.status_code in (302, 403)
    assert b"Berita lama yang diubah" not in response.content


def test_the_report_is_in_the_reports_menu(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("trust_old_edits").encode() in response.content


def test_the_report_speaks_indonesian(client, old_and_fresh, editor):
    client.force_login(editor)
    response = client.get(reverse("trust_old_edits"), HTTP_ACCEPT_LANGUAGE="id")
    html = response.content.decode()
    assert "Perubahan berita lama" in html
    assert "Bandingkan dengan versi sebelumnya" in html
    assert "Diubah oleh" in html
