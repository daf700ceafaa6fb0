from django.db import transaction
from django.db.models.signals import post_delete


def delete_video_files(sender, instance, **kwargs):
    """A deleted video takes its private source, captions and published outputs with it."""
    from warta.video.transcode import remove_outputs

    pk = instance.pk  # Django clears it once the row is gone

    def delete():
        if instance.source:
            instance.source.delete(save=False)
        if instance.captions:
            instance.captions.delete(save=False)
        remove_outputs(pk, keep=None)

    transaction.on_commit(delete)


def register_signal_handlers():
    from warta.video.models import Video

    post_delete.connect(delete_video_files, sender=Video)
