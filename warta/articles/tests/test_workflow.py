"""The editorial workflow, end to end through the admin as a newsroom uses it.

A reporter writes a story in the admin and sends it to "Tinjauan redaksi"; a
fact-checker checks (and may correct) it, an editor approves it and it goes
live. Editors can also schedule a story, and every save leaves a revision that
can be compared.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from warta.articles.factories import make_author, make_section, make_site
from warta.articles.models import ArticlePage
from warta.people.factories import make_user

pytestmark = pytest.mark.django_db

WORKFLOW = "Tinjauan redaksi"
FACT_CHECK_TASK = "Cek fakta"
APPROVAL_TASK = "Persetujuan editor"


@pytest.fixture
def section():
    return make_section(make_site())


@pytest.fixture
def author(section):
    return make_author(section.get_site(), name="Ni Luh Ayu")


@pytest.fixture
def reporter():
    return make_user("reporter", "Reporter")


@pytest.fixture
def editor():
    return make_user("editor", "Editor")


def article_form(author, title="Banjir rob rendam pesisir Denpasar", byline_id="", **extra):
    """The article form as the admin posts it: byline inline, StreamField body, tags."""
    return nested_form_data(
        {
            "title": title,
            "slug": "banjir-rob-denpasar",
            "kicker": "",
            "standfirst": "Air laut pasang merendam puluhan rumah di Serangan.",
            "dateline": "Denpasar",
            "article_authors": inline_formset(
                [{"id": byline_id, "author": author.pk}], initial=1 if byline_id else 0, min=1
            ),
            "lead_image": "",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Warga mengungsi ke balai banjar.</p>")),
                    ("heading", {"text": "Dampak", "level": "h2"}),
                    ("quote", {"quote": "Airnya setinggi lutut.", "attribution": "Warga"}),
                ]
            ),
            "story_type": "berita",
            "tags": "banjir, pesisir",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "published_at": "",
            "comments": inline_formset([]),
            # The sources panel trust registers on the article form (articles.page_panels):
            # an original-reporting declaration, so the story may be sent for review.
            "sources": inline_formset([{"kind": "liputan-langsung", "name": ""}]),
            **extra,
        }
    )


def edit_form(page, author, **changes):
    """The edit form for an existing article, keeping its byline row."""
    byline = page.get_latest_revision_as_object().article_authors.get()
    changes.setdefault("title", page.get_latest_revision_as_object().title)
    return article_form(author, byline_id=byline.pk, **changes)


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", section.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def approve_url(page):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))


def create_draft(client, user, section, author, **fields):
    client.force_login(user)
    response = client.post(add_url(section), article_form(author, **fields))
    assert response.status_code == 302, response.context["form"].errors
    return ArticlePage.objects.child_of(section).get(slug="banjir-rob-denpasar")


def submit(client, user, page, author):
    client.force_login(user)
    response = client.post(edit_url(page), edit_form(page, author, **{"action-submit": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def test_reporter_creates_a_draft_through_the_admin_add_view(client, section, author, reporter):
    page = create_draft(client, reporter, section, author)

    assert not page.live
    assert page.owner == reporter
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Banjir rob rendam pesisir Denpasar"
    assert [byline.author for byline in draft.article_authors.all()] == [author]
    assert [block.block_type for block in draft.body] == ["paragraph", "heading", "quote"]
    assert sorted(tag.name for tag in draft.tags.all()) == ["banjir", "pesisir"]
    assert page.get_latest_revision().user == reporter


def test_reporter_submits_a_draft_to_the_editorial_workflow(client, section, author, reporter):
    page = create_draft(client, reporter, section, author)

    page = submit(client, reporter, page, author)

    workflow_state = page.current_workflow_state
    assert workflow_state.workflow.name == WORKFLOW
    assert workflow_state.requested_by == reporter
    assert page.current_workflow_task.name == FACT_CHECK_TASK
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not page.live


def test_fact_checker_corrects_and_passes_a_story_then_the_editor_publishes_it(
    client, section, author, reporter, editor
):
    fact_checker = make_user("pemeriksa", "Fact-checker")
    page = submit(client, reporter, create_draft(client, reporter, section, author), author)
    fact_check = page.current_workflow_task_state

    client.force_login(fact_checker)
    response = client.post(edit_url(page), edit_form(page, author, title="Banjir rob, 40 rumah"))
    assert response.status_code == 302
    assert client.post(approve_url(page)).status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == APPROVAL_TASK

    client.force_login(editor)
    response = client.post(approve_url(page))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.title == "Banjir rob, 40 rumah"
    assert page.first_published_at is not None
    assert sorted(tag.name for tag in page.tags.all()) == ["banjir", "pesisir"]
    fact_check.refresh_from_db()
    assert fact_check.status == TaskState.STATUS_APPROVED
    assert fact_check.finished_by == fact_checker
    approval = page.workflow_states.get().task_states.get(task__name=APPROVAL_TASK)
    assert approval.finished_by == editor
    assert approval.workflow_state.status == WorkflowState.STATUS_APPROVED


def test_fact_checker_cannot_give_the_final_approval(client, section, author, reporter):
    fact_checker = make_user("pemeriksa", "Fact-checker")
    page = submit(client, reporter, create_draft(client, reporter, section, author), author)
    client.force_login(fact_checker)
    client.post(approve_url(page))
    page.refresh_from_db()

    response = client.post(approve_url(page))

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == APPROVAL_TASK


def test_editor_can_take_a_story_through_both_steps(client, section, author, reporter, editor):
    page = submit(client, reporter, create_draft(client, reporter, section, author), author)
    client.force_login(editor)

    client.post(approve_url(page))
    page.refresh_from_db()
    client.post(approve_url(page))

    page.refresh_from_db()
    assert page.live


def test_reporter_cannot_approve_their_own_submission(client, section, author, reporter):
    page = submit(client, reporter, create_draft(client, reporter, section, author), author)
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.get_actions(page, reporter) == []

    response = client.post(approve_url(page))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_reporter_cannot_change_an_article_while_it_awaits_review(
    client, section, author, reporter
):
    page = submit(client, reporter, create_draft(client, reporter, section, author), author)

    response = client.post(edit_url(page), edit_form(page, author, title="Diubah diam-diam"))

    assert response.status_code == 200  # the form comes back, nothing is saved
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Banjir rob rendam pesisir Denpasar"
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_editor_scheduling_an_article_keeps_it_offline_until_its_time_comes(
    client, section, author, reporter, editor, monkeypatch
):
    page = create_draft(client, reporter, section, author)
    go_live_at = timezone.now() + timedelta(days=1)
    client.force_login(editor)

    response = client.post(
        edit_url(page),
        edit_form(
            page,
            author,
            go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    scheduled = page.revisions.get(approved_go_live_at__isnull=False)
    assert abs(scheduled.approved_go_live_at - go_live_at) < timedelta(minutes=1)

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    # A minute after the scheduled time, the cron job runs again.
    monkeypatch.setattr(timezone, "now", lambda: go_live_at + timedelta(minutes=1))
    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == scheduled.pk
    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is None


def test_every_save_leaves_a_revision_that_an_editor_can_compare(
    client, section, author, reporter, editor
):
    page = create_draft(client, reporter, section, author)
    client.post(edit_url(page), edit_form(page, author, title="Banjir rob: versi kedua"))
    client.post(edit_url(page), edit_form(page, author, title="Banjir rob: versi ketiga"))

    revisions = list(page.revisions.order_by("created_at", "pk"))
    assert [r.as_object().title for r in revisions] == [
        "Banjir rob rendam pesisir Denpasar",
        "Banjir rob: versi kedua",
        "Banjir rob: versi ketiga",
    ]

    client.force_login(editor)
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, revisions[1].pk, revisions[2].pk),
    )
    response = client.get(compare_url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "versi kedua" in content
    assert "versi ketiga" in content


def test_reporter_cannot_compare_revisions_of_a_colleagues_article(
    client, section, author, reporter
):
    page = create_draft(client, reporter, section, author)
    client.post(edit_url(page), edit_form(page, author, title="Banjir rob: versi kedua"))
    first, second = page.revisions.order_by("created_at", "pk")
    client.force_login(make_user("koresponden", "Reporter"))

    response = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk))
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
