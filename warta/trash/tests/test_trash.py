"""Nothing lost: a deletion goes to the trash; restore brings it back; admins delete for good."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from warta.articles.factories import make_article, make_author, make_section, make_site
from warta.people.factories import make_user
from warta.trash.models import TrashedPage
from warta.video.factories import make_clip, make_video
from warta.video.models import Video

pytestmark = pytest.mark.django_db

HOST = "balicitizen.localhost"


@pytest.fixture
def article():
    section = make_section(make_site(hostname=HOST))
    page = make_article(
        section, title="Banjir di Denpasar", authors=[make_author(section.get_site())]
    )
    page.save_revision().publish()  # a second revision
    return Page.objects.get(pk=page.pk).specific


def logged_in(role, name=None):
    client = Client()
    user = make_user(name or role.lower(), role)
    client.force_login(user)
    return client, user


def delete_in_admin(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))


def test_deleting_an_article_moves_it_to_the_trash_with_its_url_and_revisions(article):
    url = article.relative_url(article.get_site())
    revisions = article.revisions.count()
    assert Client().get(url, HTTP_HOST=HOST).status_code == 200
    editor, user = logged_in("Editor")

    response = delete_in_admin(editor, article)

    assert response.status_code == 302
    assert Client().get(url, HTTP_HOST=HOST).status_code == 404
    page = Page.objects.get(pk=article.pk)
    assert not page.live and page.url_path == article.url_path
    assert page.revisions.count() == revisions
    entry = TrashedPage.objects.get(page=page)
    assert entry.trashed_by == user
    assert PageLogEntry.objects.filter(page_id=page.pk, action="warta.trash.move").exists()
    # Hidden from the explorer, listed in the trash, its edit view sends there.
    trash = editor.get(reverse("trash_index")).content.decode()
    assert "Banjir di Denpasar" in trash and "Sampah" in trash
    explorer = editor.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    assert "Banjir di Denpasar" not in explorer.content.decode()
    assert editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))["Location"] == reverse(
        "trash_index"
    )


def test_restoring_brings_the_article_back_at_its_url(article):
    url = article.relative_url(article.get_site())
    live_revision = article.live_revision_id
    editor, _ = logged_in("Editor")
    delete_in_admin(editor, article)
    entry = TrashedPage.objects.get(page_id=article.pk)

    response = editor.post(reverse("trash_restore_page", args=(entry.pk,)))

    assert response.status_code == 302
    assert Client().get(url, HTTP_HOST=HOST).status_code == 200
    page = Page.objects.get(pk=article.pk)
    assert page.live and page.live_revision_id == live_revision
    assert not TrashedPage.objects.exists()
    assert PageLogEntry.objects.filter(page_id=page.pk, action="warta.trash.restore").exists()


def test_only_an_admin_deletes_for_good_and_it_is_logged(article):
    editor, _ = logged_in("Editor")
    delete_in_admin(editor, article)
    entry = TrashedPage.objects.get(page_id=article.pk)

    refused = editor.post(reverse("trash_delete_page", args=(entry.pk,)))
    assert refused.status_code in (302, 403)
    assert Page.objects.filter(pk=article.pk).exists()
    assert "Hapus permanen" not in editor.get(reverse("trash_index")).content.decode()

    admin, admin_user = logged_in("Admin")
    assert "Hapus permanen" in admin.get(reverse("trash_index")).content.decode()
    assert admin.post(reverse("trash_delete_page", args=(entry.pk,))).status_code == 302

    assert not Page.objects.filter(pk=article.pk).exists()
    log = PageLogEntry.objects.get(page_id=article.pk, action="wagtail.delete")
    assert log.user == admin_user


def test_deleting_a_trashed_page_again_sends_to_the_trash_and_changes_nothing(article):
    admin, _ = logged_in("Admin")
    delete_in_admin(admin, article)

    response = delete_in_admin(admin, article)

    assert response.status_code == 302 and response["Location"] == reverse("trash_index")
    assert TrashedPage.objects.filter(page_id=article.pk).count() == 1
    assert Page.objects.filter(pk=article.pk).exists()


def test_a_scheduled_publication_does_not_bring_a_trashed_draft_back(article):
    # A draft waiting for its scheduled time (Wagtail's unpublish cancels schedules
    # only of live pages).
    article.unpublish()
    article.refresh_from_db()
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    editor, _ = logged_in("Editor")
    delete_in_admin(editor, article)

    call_command("publish_scheduled")

    assert not Page.objects.get(pk=article.pk).live


def test_bulk_delete_from_the_explorer_trashes_too(article):
    other = make_article(article.get_parent(), title="Kedua")
    editor, _ = logged_in("Editor")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))

    response = editor.post(f"{url}?id={article.pk}&id={other.pk}")

    assert response.status_code == 302
    assert set(TrashedPage.objects.values_list("page_id", flat=True)) == {article.pk, other.pk}
    assert not Page.objects.filter(pk__in=[article.pk, other.pk], live=True).exists()


def test_a_section_trashed_with_its_article_comes_back_with_it(article):
    section = article.get_parent()
    admin, _ = logged_in("Admin")
    delete_in_admin(admin, section)
    assert not Page.objects.filter(pk__in=[section.pk, article.pk], live=True).exists()
    assert TrashedPage.objects.get().page_id == section.pk

    admin.post(reverse("trash_restore_page", args=(TrashedPage.objects.get().pk,)))

    url = article.relative_url(article.get_site())
    assert Client().get(url, HTTP_HOST=HOST).status_code == 200


def test_a_reporter_may_not_restore_a_published_article_from_the_trash(article):
    editor, _ = logged_in("Editor")
    delete_in_admin(editor, article)
    entry = TrashedPage.objects.get(page_id=article.pk)
    reporter, _ = logged_in("Reporter")

    reporter.post(reverse("trash_restore_page", args=(entry.pk,)))

    assert TrashedPage.objects.filter(pk=entry.pk).exists()
    assert not Page.objects.get(pk=article.pk).live


def test_purge_deletes_only_what_is_older_than_the_period(article, settings):
    settings.WARTA_TRASH_DAYS = 30
    section = article.get_parent()
    recent = make_article(section, title="Baru dihapus")
    editor, _ = logged_in("Editor")
    delete_in_admin(editor, article)
    delete_in_admin(editor, recent)
    TrashedPage.objects.filter(page_id=article.pk).update(
        trashed_at=timezone.now() - timedelta(days=31)
    )

    call_command("purge_trash")

    assert not Page.objects.filter(pk=article.pk).exists()
    assert PageLogEntry.objects.filter(page_id=article.pk, action="wagtail.delete").exists()
    assert TrashedPage.objects.filter(page_id=recent.pk).exists()


def test_deleting_a_video_trashes_it_and_keeps_its_files(
    tmp_path, django_capture_on_commit_callbacks
):
    clip = make_clip(tmp_path / "c.mp4", seconds=1, size="160x120")
    video = make_video(clip, title="Ogoh-ogoh")
    source = Path(video.source.path)
    editor, _ = logged_in("Editor")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("wagtailsnippets_video_video:delete", args=(video.pk,)))

    assert response.status_code == 302
    video.refresh_from_db()
    assert video.trashed_at is not None and source.exists()
    assert not video.playable  # the article's video block renders nothing meanwhile
    assert "dipindahkan ke Sampah" in editor.get(reverse("trash_index")).content.decode()
    assert (
        "Ogoh-ogoh" not in editor.get(reverse("wagtailsnippets_video_video:list")).content.decode()
    )
    assert ModelLogEntry.objects.filter(object_id=str(video.pk), action="warta.trash.move").exists()

    editor.post(reverse("trash_restore_video", args=(video.pk,)))
    video.refresh_from_db()
    assert video.trashed_at is None
    assert "Ogoh-ogoh" in editor.get(reverse("wagtailsnippets_video_video:list")).content.decode()

    editor.post(reverse("wagtailsnippets_video_video:delete", args=(video.pk,)))
    assert editor.post(reverse("trash_delete_video", args=(video.pk,))).status_code in (302, 403)
    assert Video.objects.filter(pk=video.pk).exists()

    admin, _ = logged_in("Admin")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("trash_delete_video", args=(video.pk,)))
    assert not Video.objects.filter(pk=video.pk).exists()
    assert not source.exists()
    assert ModelLogEntry.objects.filter(object_id=str(video.pk), action="wagtail.delete").exists()
