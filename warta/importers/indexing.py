"""Index each imported object once, not once per save.

Importing one post saves its page three times (created, revision, publish) and
a dozen related rows; Wagtail's reference-index and modelsearch signal
handlers queue a task for every one of those saves — about twelve task rows
per post, most of them repeats. Inside `indexed_once()` those handlers stand
aside (Wagtail's own `disable_reference_index_auto_update`, and a flag the
search handler below checks) and the saves are recorded instead; on leaving
the block one task per distinct object and index is queued, in the same
transaction as the item. What the worker ends up indexing is the same.
"""

from contextlib import contextmanager

from asgiref.local import Local
from django.db.models.signals import post_save
from modelsearch import index, signal_handlers
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

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


def _search_handler(instance, **kwargs):
    if getattr(_state, "saved", None) is None:
        _original_search_handler(instance, **kwargs)


_installed = []


def _install_once():
    """Route modelsearch's save handler through the flag; record saves (once apps are ready)."""
    if _installed:
        return
    _installed.append(True)
    for model in _search_models():
        if post_save.disconnect(_original_search_handler, sender=model):
            post_save.connect(_search_handler, sender=model)
    post_save.connect(_record, dispatch_uid="warta.importers.indexing")


@contextmanager
def indexed_once():
    """Within the block, queue one search and one reference task per saved object, at exit."""
    _install_once()
    _state.saved = {"references": {}, "search": {}}
    try:
        with disable_reference_index_auto_update():
            yield
        saved = _state.saved
    finally:
        del _state.saved
    for key in saved["references"]:
        update_reference_index_task.enqueue(*key)
    for key in saved["search"]:
        insert_or_update_object_task.enqueue(*key)
