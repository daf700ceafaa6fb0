"""What each newsroom role may and may not do, checked against Wagtail itself.

The table below is written out by hand on purpose: it is the newsroom's
decision, not a copy of roles.py, so a change to the roles that alters what
somebody can do makes this test fail until the table is changed too.

Each action is checked through Wagtail's permission API and, where the admin has
a screen for it, through the admin itself with the test client, and every
observation must match the table.
"""

import tempfile
from functools import cached_property, lru_cache
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as get_image_permission_policy
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from warta.articles.factories import make_article, make_author, make_section, make_site
from warta.articles.models import ArticleAuthor, ArticlePage
from warta.people.factories import make_user
from warta.video.factories import make_clip, make_video
from warta.video.models import Video

pytestmark = pytest.mark.django_db

REPORTER, FACT_CHECKER, EDITOR, ADMIN = "Reporter", "Fact-checker", "Editor", "Admin"
COLUMNS = (REPORTER, FACT_CHECKER, EDITOR, ADMIN)

# fmt: off
EXPECTED = {
    # action:                            Reporter  Fact-checker  Editor  Admin
    "access the admin":                  (True,    True,         True,   True),
    "create an article draft":           (True,    False,        True,   True),
    "edit own draft":                    (True,    True,         True,   True),
    "edit someone else's article":       (False,   True,         True,   True),
    "publish":                           (False,   False,        True,   True),
    "submit for moderation":             (True,    True,         True,   True),
    "edit a story during fact-check":    (False,   True,         True,   True),
    "pass the fact-check step":          (False,   True,         True,   True),
    "give the final approval":           (False,   False,        True,   True),
    "lock a page":                       (False,   True,         True,   True),
    "unlock a page locked by someone":   (False,   False,        True,   True),
    "delete own draft":                  (True,    True,         True,   True),
    "delete a published article":        (False,   False,        True,   True),
    "delete a page with children":       (False,   False,        False,  True),
    "add an image":                      (True,    True,         True,   True),
    "choose an image":                   (True,    True,         True,   True),
    "change own image":                  (True,    True,         True,   True),
    "change someone else's image":       (False,   False,        True,   True),
    "upload a video":                    (True,    True,         True,   True),
    "change own video":                  (True,    True,         True,   True),
    "change someone else's video":       (False,   False,        True,   True),
    "delete own video":                  (True,    True,         True,   True),
    "delete someone else's video":       (False,   False,        True,   True),
    "manage users":                      (False,   False,        False,  True),
    "edit site settings":                (False,   False,        False,  True),
    "manage workflows":                  (False,   False,        False,  True),
}
# fmt: on


def make_draft(section, owner, author, title="Draf berita"):
    """An unpublished article owned by `owner`, with one saved revision."""
    page = ArticlePage(
        title=title,
        slug=f"draf-{owner.username}-{ArticlePage.objects.count()}",
        body=[("paragraph", RichText("<p>Draf.</p>"))],
        owner=owner,
        live=False,
    )
    page.article_authors = [ArticleAuthor(author=author)]
    section.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def article_form(page, title=None, **extra):
    """The edit form's POST data for `page`, as the admin would send it."""
    bylines = list(page.article_authors.all())
    return nested_form_data(
        {
            "title": title or page.title,
            "slug": page.slug,
            "kicker": page.kicker,
            "standfirst": page.standfirst,
            "dateline": page.dateline,
            "article_authors": inline_formset(
                [{"id": b.pk, "author": b.author_id} for b in bylines],
                initial=len(bylines),
                min=1,
            ),
            "lead_image": "",
            "body": streamfield([("paragraph", rich_text("<p>Isi berita yang diperbarui.</p>"))]),
            "story_type": page.story_type,
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "published_at": "",
            "comments": inline_formset([]),
            # The sources panel trust registers on the article form (articles.page_panels):
            # an original-reporting declaration, so a Berita may go out.
            "sources": inline_formset([{"kind": "liputan-langsung", "name": ""}]),
            **extra,
        }
    )


def page_url(name, page):
    return reverse(f"wagtailadmin_pages:{name}", args=(page.pk,))


class Newsroom:
    """One site with one section, built only as far as a check needs it."""

    def __init__(self, user, client):
        self.user = user
        self.client = client
        client.force_login(user)

    @cached_property
    def site(self):
        return make_site()

    @cached_property
    def section(self):
        return make_section(self.site)

    @cached_property
    def author(self):
        return make_author(self.site)

    @cached_property
    def colleague(self):
        return make_user("koresponden", REPORTER)

    @cached_property
    def own_draft(self):
        return make_draft(self.section, self.user, self.author)

    @cached_property
    def colleagues_article(self):
        return make_article(self.section, authors=[self.author], owner=self.colleague)

    def image(self, owner):
        return get_image_model().objects.create(
            title="Foto", file=get_test_image_file(size=(8, 8)), uploaded_by_user=owner
        )

    def perms(self, page):
        return page.permissions_for_user(self.user)

    def get_ok(self, url):
        return self.client.get(url).status_code == 200

    @staticmethod
    def reload(page):
        return Page.objects.get(pk=page.pk).specific

    def latest_title(self, page):
        return self.reload(page).get_latest_revision_as_object().title


def check_access_admin(room):
    return {
        "access_admin permission": room.user.has_perm("wagtailadmin.access_admin"),
        "dashboard opens": room.get_ok(reverse("wagtailadmin_home")),
    }


def check_create_article(room):
    add_url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", room.section.pk))
    return {
        "can_add_subpage": room.perms(room.section).can_add_subpage(),
        "add form opens": room.get_ok(add_url),
    }


def edit(room, page):
    room.client.post(page_url("edit", page), article_form(page, title="Judul baru"))
    return {
        "can_edit": room.perms(page).can_edit(),
        "edit saves a revision": room.latest_title(page) == "Judul baru",
    }


def check_edit_own_draft(room):
    return edit(room, room.own_draft)


def check_edit_others_article(room):
    return edit(room, room.colleagues_article)


def check_publish(room):
    page = room.own_draft
    can_publish = room.perms(page).can_publish()
    room.client.post(page_url("edit", page), article_form(page, **{"action-publish": "1"}))
    return {"can_publish": can_publish, "publish makes it live": room.reload(page).live}


def check_submit(room):
    page = room.own_draft
    perms = room.perms(page)
    can_submit = perms.can_edit() and perms.can_submit_for_moderation()
    room.client.post(page_url("edit", page), article_form(page, **{"action-submit": "1"}))
    return {
        "can_submit_for_moderation": can_submit,
        "submit starts the workflow": room.reload(page).workflow_in_progress,
    }


def in_review(room, approved_steps=0):
    """A colleague's story submitted to the workflow, `approved_steps` already passed."""
    page = make_draft(room.section, room.colleague, room.author)
    page.get_workflow().start(page, room.colleague)
    chief = make_user(f"redaktur-{page.pk}", EDITOR)
    for _ in range(approved_steps):
        page.current_workflow_task_state.task.specific.on_action(
            page.current_workflow_task_state, chief, "approve"
        )
    return room.reload(page)


def approve(room, page):
    task_state = page.current_workflow_task_state
    offered = [name for name, _, _ in task_state.task.specific.get_actions(page, room.user)]
    room.client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    )
    return "approve" in offered, room.reload(page)


def check_edit_in_fact_check(room):
    page = in_review(room)
    room.client.post(page_url("edit", page), article_form(page, title="Fakta dikoreksi"))
    return {
        "not locked by the workflow": not page.current_workflow_task.specific.locked_for_user(
            page, room.user
        ),
        "edit saves a revision": room.latest_title(page) == "Fakta dikoreksi",
    }


def check_pass_fact_check(room):
    offered, page = approve(room, in_review(room))
    current = page.current_workflow_task
    return {
        "task offers approve": offered,
        "approving hands it to the editor": current is not None
        and current.name == "Persetujuan editor",
    }


def check_final_approval(room):
    offered, page = approve(room, in_review(room, approved_steps=1))
    return {"task offers approve": offered, "approving publishes": page.live}


def check_lock(room):
    page = room.colleagues_article
    can_lock = room.perms(page).can_lock()
    room.client.post(page_url("lock", page))
    return {"can_lock": can_lock, "lock view locks": room.reload(page).locked}


def check_unlock(room):
    page = room.colleagues_article
    page.locked, page.locked_by, page.locked_at = True, room.colleague, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    can_unlock = room.perms(page).can_unlock()
    room.client.post(page_url("unlock", page))
    return {"can_unlock": can_unlock, "unlock view unlocks": not room.reload(page).locked}


def check_delete_own_draft(room):
    return {"can_delete": room.perms(room.own_draft).can_delete()}


def check_delete_published_article(room):
    return {"can_delete": room.perms(room.colleagues_article).can_delete()}


def check_delete_page_with_children(room):
    section = room.section
    assert room.colleagues_article.get_parent().pk == section.pk
    can_delete = room.perms(section).can_delete()
    room.client.post(page_url("delete", section))
    return {
        "can_delete": can_delete,
        # Deleting moves to the trash (warta.trash): off the site, restorable.
        "delete view takes it off the site": not Page.objects.filter(
            pk=section.pk, live=True
        ).exists(),
    }


def check_add_image(room):
    return {
        "policy allows add": get_image_permission_policy().user_has_permission(room.user, "add"),
        "upload form opens": room.get_ok(reverse("wagtailimages:add")),
    }


def check_choose_image(room):
    return {
        "policy allows choose": get_image_permission_policy().user_has_permission(
            room.user, "choose"
        ),
    }


def change_image(room, owner):
    image = room.image(owner=owner)
    return {
        "policy allows change": get_image_permission_policy().user_has_permission_for_instance(
            room.user, "change", image
        ),
        "edit form opens": room.get_ok(reverse("wagtailimages:edit", args=(image.pk,))),
    }


def check_change_own_image(room):
    return change_image(room, room.user)


def check_change_others_image(room):
    return change_image(room, room.colleague)


def video_url(name, video=None):
    return reverse(f"wagtailsnippets_video_video:{name}", args=(video.pk,) if video else ())


@lru_cache(maxsize=1)
def tiny_clip():
    """One real 1-second clip made with ffmpeg, shared by the video checks."""
    return make_clip(Path(tempfile.mkdtemp(prefix="warta-matrix-")) / "klip.mp4", 1, "160x120")


def video_form(title, source=""):
    return {
        "title": title,
        "credit": "Tim Warta",
        "caption": "",
        "place_name": "",
        "place_latitude": "",
        "place_longitude": "",
        "place_regency": "",
        "place_province": "",
        "source": source,
    }


def check_upload_video(room):
    clip = tiny_clip()
    upload = SimpleUploadedFile("klip.mp4", clip.read_bytes(), "video/mp4")
    room.client.post(video_url("add"), video_form("Klip baru", upload))
    uploaded = Video.objects.filter(title="Klip baru").first()
    return {
        "policy allows add": video_permission_policy().user_has_permission(room.user, "add"),
        "listing opens": room.get_ok(video_url("list")),
        "upload form opens": room.get_ok(video_url("add")),
        "upload stores the clip as theirs": uploaded is not None
        and uploaded.uploaded_by_user_id == room.user.pk,
    }


def change_video(room, owner):
    video = make_video(tiny_clip(), title="Klip", uploaded_by_user=owner)
    can_change = video_permission_policy().user_has_permission_for_instance(
        room.user, "change", video
    )
    opens = room.get_ok(video_url("edit", video))
    room.client.post(video_url("edit", video), video_form("Klip diperbarui"))
    video.refresh_from_db()
    return {
        "policy allows change": can_change,
        "edit form opens": opens,
        "edit saves": video.title == "Klip diperbarui",
    }


def check_change_own_video(room):
    return change_video(room, room.user)


def check_change_others_video(room):
    return change_video(room, room.colleague)


def delete_video(room, owner):
    video = make_video(tiny_clip(), title="Klip", uploaded_by_user=owner)
    can_delete = video_permission_policy().user_has_permission_for_instance(
        room.user, "delete", video
    )
    room.client.post(video_url("delete", video))
    return {
        "policy allows delete": can_delete,
        # Deleting moves the clip to the trash (warta.trash).
        "delete view removes it": not Video.objects.filter(pk=video.pk, trashed_at=None).exists(),
    }


def check_delete_own_video(room):
    return delete_video(room, room.user)


def check_delete_others_video(room):
    return delete_video(room, room.colleague)


def video_permission_policy():
    return policy_registry.get_by_type(Video)


def check_manage_users(room):
    return {
        "change_user permission": room.user.has_perm("people.change_user"),
        "user list opens": room.get_ok(reverse("wagtailusers_users:index")),
    }


def check_edit_site_settings(room):
    url = reverse("wagtailsettings:edit", args=("core", "sitesettings", room.site.pk))
    return {
        "change_sitesettings permission": room.user.has_perm("core.change_sitesettings"),
        "settings form opens": room.get_ok(url),
    }


def check_manage_workflows(room):
    return {
        "change_workflow permission": room.user.has_perm("wagtailcore.change_workflow"),
        "workflow list opens": room.get_ok(reverse("wagtailadmin_workflows:index")),
    }


CHECKS = {
    "access the admin": check_access_admin,
    "create an article draft": check_create_article,
    "edit own draft": check_edit_own_draft,
    "edit someone else's article": check_edit_others_article,
    "publish": check_publish,
    "submit for moderation": check_submit,
    "edit a story during fact-check": check_edit_in_fact_check,
    "pass the fact-check step": check_pass_fact_check,
    "give the final approval": check_final_approval,
    "lock a page": check_lock,
    "unlock a page locked by someone": check_unlock,
    "delete own draft": check_delete_own_draft,
    "delete a published article": check_delete_published_article,
    "delete a page with children": check_delete_page_with_children,
    "add an image": check_add_image,
    "choose an image": check_choose_image,
    "change own image": check_change_own_image,
    "change someone else's image": check_change_others_image,
    "upload a video": check_upload_video,
    "change own video": check_change_own_video,
    "change someone else's video": check_change_others_video,
    "delete own video": check_delete_own_video,
    "delete someone else's video": check_delete_others_video,
    "manage users": check_manage_users,
    "edit site settings": check_edit_site_settings,
    "manage workflows": check_manage_workflows,
}


def test_every_action_in_the_table_has_a_check():
    assert set(CHECKS) == set(EXPECTED)


def test_the_table_covers_exactly_the_newsroom_roles():
    assert set(Group.objects.values_list("name", flat=True)) == set(COLUMNS)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("role", COLUMNS)
def test_role_may_do_exactly_what_the_table_says(role, action, client):
    allowed = EXPECTED[action][COLUMNS.index(role)]
    room = Newsroom(make_user(f"{role.lower()}-1", role), client)

    observed = CHECKS[action](room)

    assert observed == dict.fromkeys(observed, allowed), (
        f"{role} should {'be able' if allowed else 'not be able'} to {action}"
    )


# Explicit admin round trips for the decisions that matter most.


@pytest.fixture
def section():
    return make_section(make_site())


def test_reporter_posting_publish_to_the_edit_view_only_saves_a_draft(section, client):
    reporter = make_user("reporter", REPORTER)
    draft = make_draft(section, reporter, make_author(section.get_site()))
    client.force_login(reporter)

    response = client.post(
        page_url("edit", draft), article_form(draft, title="Terbit?", **{"action-publish": "1"})
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision_as_object().title == "Terbit?"


def test_editor_posting_publish_to_the_edit_view_makes_the_article_live(section, client):
    reporter, editor = make_user("reporter", REPORTER), make_user("editor", EDITOR)
    draft = make_draft(section, reporter, make_author(section.get_site()))
    client.force_login(editor)

    response = client.post(
        page_url("edit", draft), article_form(draft, title="Terbit!", **{"action-publish": "1"})
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert draft.title == "Terbit!"


def test_reporter_can_open_the_add_article_form(section, client):
    client.force_login(make_user("reporter", REPORTER))

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
    )

    assert response.status_code == 200


def test_user_without_a_role_is_sent_to_the_login_page_from_the_add_article_form(section, client):
    client.force_login(make_user("pembaca"))
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_user_without_a_role_cannot_reach_the_admin_dashboard(client):
    client.force_login(make_user("pembaca"))

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_fact_checker_is_turned_away_from_the_add_article_form(section, client):
    client.force_login(make_user("cek", FACT_CHECKER))

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_reporter_cannot_delete_a_section_through_the_admin(section, client):
    make_article(section)
    client.force_login(make_user("reporter", REPORTER))

    client.post(page_url("delete", section))

    assert Page.objects.filter(pk=section.pk, live=True).exists()
