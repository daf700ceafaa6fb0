"""Retrying transcodes whose worker died.

django-tasks' database backend leaves a job whose worker was killed marked
RUNNING forever and never runs it again. The running job writes a heartbeat on
the Video row every few seconds; a processing video whose heartbeat is older
than WARTA_VIDEO_LEASE_SECONDS is taken to be orphaned and queued again (a
fresh job token makes the old job a no-op should it ever wake up), until
WARTA_VIDEO_MAX_ATTEMPTS is reached, when it stops with a visible reason.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from warta.video import jobs
from warta.video.models import Video
from warta.video.tasks import queue_transcode


def recover_stalled_videos(lease_seconds=None):
    lease = timedelta(
        seconds=settings.WARTA_VIDEO_LEASE_SECONDS if lease_seconds is None else lease_seconds
    )
    stalled = Video.objects.filter(
        state=Video.State.PROCESSING, heartbeat_at__lt=timezone.now() - lease
    )
    requeued, failed = [], []
    for video in stalled:
        if jobs.may_retry(video):
            queue_transcode(video)
            requeued.append(video.pk)
        else:
            jobs.give_up(video)
            failed.append(video.pk)
    return requeued, failed
