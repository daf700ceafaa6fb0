"""A deleted video takes its files with it, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete

from warta.video.models import Video
from warta.video.outputs import remove_outputs


def delete_video_files(sender, instance, **kwargs):
    """A deleted video takes its private source, captions and published outputs with it."""
    pk = instance.pk  # Django clears it once the row is gone

    def delete():
        if instance.source:
            instance.source.delete(save=False)
        if instance.captions:
            instance.captions.delete(save=False)
        remove_outputs(pk, keep=None)

    transaction.on_commit(delete)


def register_signal_handlers():
    post_delete.connect(delete_video_files, sender=Video)
