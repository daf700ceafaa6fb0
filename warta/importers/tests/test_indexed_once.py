"""An import indexes each object once per index, in one task per batch, and both indexes fill."""

from collections import Counter

import pytest
from django_tasks.backends.immediate import ImmediateBackend
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task

from warta.articles.models import ArticlePage
from warta.importers.indexing import index_saved
from warta.importers.models import ImportedObject

pytestmark = pytest.mark.django_db


class CountingBackend(ImmediateBackend):
    """The immediate backend, counting what is queued: (index, app, model, pk), and batches."""

    counts = Counter()
    names = {
        update_reference_index_task.module_path: "references",
        insert_or_update_object_task.module_path: "search",
    }

    def enqueue(self, task, args, kwargs):
        name = self.names.get(task.module_path)
        if name:
            self.counts[(name, *args)] += 1
        elif task.module_path == index_saved.module_path:
            self.counts["batches"] += 1
            for index, keys in zip(("references", "search"), args, strict=True):
                for key in keys:
                    self.counts[(index, *key)] += 1
        return super().enqueue(task, args, kwargs)


@pytest.fixture
def queued(settings):
    CountingBackend.counts = Counter()
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.CountingBackend"}}
    return CountingBackend.counts


def test_each_imported_page_is_queued_once_per_index(run_import, queued):
    run_import()
    flood = ImportedObject.objects.get(kind="post", key="101").page
    key = ("articles", "articlepage", str(flood.pk))
    # Created, revised and published: several saves of the page, indexed once per index.
    assert queued[("references", *key)] == 1
    assert queued[("search", *key)] == 1
    # The fixture's items fit in one batch per pass (photos, then stories): two tasks.
    assert queued.pop("batches") == 2
    assert max(queued.values()) == 1


def test_imported_pages_are_searchable_and_their_references_indexed(run_import):
    run_import()
    assert "Banjir rendam Denpasar" in [
        p.title for p in ArticlePage.objects.live().search("banjir")
    ]
    flood = ImportedObject.objects.get(kind="post", key="101").page.specific
    assert ReferenceIndex.get_references_for_object(flood).exists()


def test_outside_an_import_every_save_still_queues_as_wagtail_does(run_import, queued):
    run_import()
    queued.clear()
    article = ArticlePage.objects.get(title="Banjir rendam Denpasar")
    article.title = "Judul baru"
    article.save_revision().publish()
    assert queued[("references", "articles", "articlepage", str(article.pk))] >= 1
    assert queued[("search", "articles", "articlepage", str(article.pk))] >= 1
