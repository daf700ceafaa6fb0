"""Index and purge what an import batch saved once, not once per save.

Importing one post saves its page and a dozen related rows; Wagtail's
reference-index and modelsearch signal handlers queue a task for every one of
those saves, and Wagtail's front-end cache handler queues a purge for every
publication — about a dozen task rows per post, most of them repeats. Inside
`indexed_once()` those handlers stand aside (Wagtail's own
`disable_reference_index_auto_update`, and a flag the search and purge
handlers below check) and the saves and publications are recorded instead. On
leaving the block, in the same transaction as the batch, one `index_saved`
task is queued for every distinct object saved in it (reference index and
search index, what Wagtail's own tasks would have done for each), and one
purge of the published pages is queued for after the commit
(`warta.core.purge`). What the worker ends up indexing and purging is the
same; a rolled-back batch queues nothing.
"""

from contextlib import contextmanager, suppress

from asgiref.local import Local
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_save
from django_tasks import task
from modelsearch import index, signal_handlers
from modelsearch.tasks import insert_or_update_object_task
from wagtail.contrib.frontend_cache import signal_handlers as frontend_cache
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published
from wagtail.tasks import update_reference_index_task

from warta.core.purge import purge_on_commit

_state = Local()


def _key(instance):
    return instance._meta.app_label, instance._meta.model_name, str(instance.pk)


def _record(sender, instance, raw=False, **kwargs):
    saved = getattr(_state, "saved", None)
    if saved is None or raw:
        return
    if sender in ReferenceIndex.tracked_models:
        saved["references"].setdefault(_key(instance))
    if sender in _search_models():
        saved["search"].setdefault(_key(instance))


def _search_models():
    return {
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    }


_original_search_handler = signal_handlers.post_save_signal_handler
_original_purge_handler = frontend_cache.page_published_signal_handler


def _search_handler(instance, **kwargs):
    if getattr(_state, "saved", None) is None:
        _original_search_handler(instance, **kwargs)


def _purge_handler(instance, **kwargs):
    saved = getattr(_state, "saved", None)
    if saved is None:
        _original_purge_handler(instance, **kwargs)
    else:
        saved["purge"].setdefault(instance.pk)


def _add_pages(batch, pks):
    batch.add_pages(Page.objects.filter(pk__in=pks).specific())


_installed = []


def _install_once():
    """Route the search and purge handlers through the flag; record saves (once apps are ready)."""
    if _installed:
        return
    _installed.append(True)
    for model in _search_models():
        if post_save.disconnect(_original_search_handler, sender=model):
            post_save.connect(_search_handler, sender=model)
    for model in _page_models():
        if page_published.disconnect(_original_purge_handler, sender=model):
            page_published.connect(_purge_handler, sender=model)
    post_save.connect(_record, dispatch_uid="warta.importers.indexing")


def _page_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Page)]


@task()
def index_saved(references, search):
    """What Wagtail's reference-index and modelsearch tasks do, for many objects in one task."""
    for one, keys in (
        (update_reference_index_task, references),
        (insert_or_update_object_task, search),
    ):
        for app_label, model_name, pk in keys:
            with suppress(ObjectDoesNotExist):  # deleted since: nothing left to index
                one.call(app_label, model_name, pk)


@contextmanager
def indexed_once():
    """Record saves and publications in the block; at exit queue one index task, one purge."""
    _install_once()
    _state.saved = {"references": {}, "search": {}, "purge": {}}
    try:
        with disable_reference_index_auto_update():
            yield
        saved = _state.saved
    finally:
        del _state.saved
    if saved["references"] or saved["search"]:
        index_saved.enqueue(list(saved["references"]), list(saved["search"]))
    if saved["purge"]:
        purge_on_commit(_add_pages, tuple(saved["purge"]))
