"""A new published post, written by the import's short path, is what Wagtail's publish leaves.

`WordPressImport.publish_new` saves a new post live with one revision instead
of add_child, save_revision and publish. These tests compare it, field by
field, with a page published the Wagtail way in the same section, check the
tree stays sound, that the page can be edited and published again as usual,
and that the side effects of publishing are queued once per batch.
"""

from datetime import UTC, datetime

import pytest
from django_tasks.backends.immediate import ImmediateBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page, PageLogEntry

from warta.articles.models import ArticlePage
from warta.importers.models import ImportedObject

pytestmark = pytest.mark.django_db

# The trust app's alarm task, named (importers may not import trust: same layer).
OLD_EDIT_ALARM = "warta.trust.old_edits_tasks.mail_old_edit"


def article(wp_id):
    return ImportedObject.objects.get(kind="post", key=str(wp_id)).page.specific


def state(page):
    """What publishing leaves on a page, comparable between two pages."""
    page.refresh_from_db()
    revisions = list(page.revisions.order_by("pk"))
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "expired": page.expired,
        "locked": page.locked,
        "revisions": len(revisions),
        "live_is_latest": page.live_revision_id == page.latest_revision_id == revisions[-1].pk,
        "revision_time": page.latest_revision_created_at == revisions[-1].created_at,
        "revision_title": revisions[-1].as_object().title == page.title == page.draft_title,
        "revision_go_live": revisions[-1].approved_go_live_at,
        "url_path": page.url_path == page.get_parent().url_path + page.slug + "/",
        "locale": page.locale_id == page.get_parent().locale_id,
        "log": sorted(
            (entry.action, entry.revision_id == (revisions[-1].pk if entry.revision_id else None))
            for entry in PageLogEntry.objects.filter(page=page)
        ),
        "url": page.url is not None,
    }


def test_a_new_post_is_live_as_wagtail_publishes_it(run_import):
    run_import()
    flood = article(101)
    section = flood.get_parent().specific
    reference = ArticlePage(title="Dibuat lewat Wagtail", slug="lewat-wagtail")
    section.add_child(instance=reference)
    reference.save_revision().publish()
    assert state(flood) == state(reference)
    assert flood.first_published_at == flood.last_published_at
    assert flood.first_published_at == datetime(2021, 12, 26, 6, 5, tzinfo=UTC)
    assert ArticlePage.objects.live().filter(pk=flood.pk).exists()


def test_the_tree_stays_sound_and_the_post_can_be_edited_as_usual(run_import):
    run_import()
    # treebeard's own check: paths, depths and child counts agree.
    assert all(not problems for problems in Page.find_problems())
    flood = article(101)
    section = flood.get_parent()
    assert section.numchild == section.get_children().count()
    flood.title = "Banjir rendam Denpasar lagi"
    flood.save_revision().publish()
    flood.refresh_from_db()
    assert flood.title == "Banjir rendam Denpasar lagi"
    assert flood.revisions.count() == 2
    assert not flood.has_unpublished_changes
    newer = ArticlePage(title="Berita sesudah impor", slug="sesudah-impor")
    section.specific.add_child(instance=newer)
    assert all(not problems for problems in Page.find_problems())


class RecordingBackend(ImmediateBackend):
    """The immediate backend, keeping what is queued: (task path, args)."""

    queued = []

    def enqueue(self, task, args, kwargs):
        self.queued.append((task.module_path, args))
        return super().enqueue(task, args, kwargs)


@pytest.fixture
def queued(settings):
    RecordingBackend.queued = []
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.RecordingBackend"}}
    return RecordingBackend.queued


def test_publishing_side_effects_are_queued_once_per_batch(
    run_import, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import()
    purges = [args for path, args in queued if path == purge_urls_from_cache_task.module_path]
    # One purge for the published stories of the batch, the new article's URL among them.
    assert len(purges) == 1
    assert article(101).full_url in purges[0][0]
    # A first publication in Warta is no edit of an old article, whatever its date.
    assert not [args for path, args in queued if path == OLD_EDIT_ALARM]
