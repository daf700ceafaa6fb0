"""Every change of a video's job state, in one place.

A job is known by its token: queueing writes a fresh one, and every later
write is conditional on it, so a superseded job (a new upload, or a retry
after its worker was lost) finds its token stale and stops (Superseded).
The running job writes a heartbeat with its progress; warta.video.recovery
queues again a processing video whose heartbeat went stale, up to
WARTA_VIDEO_MAX_ATTEMPTS attempts.
"""

import uuid

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from warta.video.models import Video
from warta.video.outputs import remove_outputs


class Superseded(Exception):
    """A newer job (a new upload, or a retry after a lost heartbeat) owns this video now."""


def new_source(video):
    """A new source (not yet saved): it starts queued, with all its attempts ahead of it."""
    video.attempts = 0
    video.state = Video.State.QUEUED
    video.progress = 0
    video.failure_reason = ""


def queue(video):
    """Mark `video` queued under a fresh token and return it (for the task to carry)."""
    video.job_token = uuid.uuid4().hex
    video.state = Video.State.QUEUED
    video.progress = 0
    video.failure_reason = ""
    video.heartbeat_at = timezone.now()
    Video.objects.filter(pk=video.pk).update(
        job_token=video.job_token,
        state=video.state,
        progress=0,
        failure_reason="",
        heartbeat_at=video.heartbeat_at,
    )
    return video.job_token


def claim(video_pk, job_token):
    """Start an attempt: the video, or None when `job_token` is no longer its job."""
    claimed = Video.objects.filter(
        pk=video_pk, job_token=job_token, state__in=[Video.State.QUEUED, Video.State.PROCESSING]
    ).update(
        state=Video.State.PROCESSING,
        attempts=F("attempts") + 1,
        heartbeat_at=timezone.now(),
        progress=0,
    )
    return Video.objects.get(pk=video_pk) if claimed else None


def owns(video):
    """Whether `video`'s job is still the current one."""
    return Video.objects.filter(pk=video.pk, job_token=video.job_token).exists()


def over_attempts(video):
    """A claimed attempt beyond the limit (the previous one died after its last retry)."""
    return video.attempts > settings.WARTA_VIDEO_MAX_ATTEMPTS


def may_retry(video):
    return video.attempts < settings.WARTA_VIDEO_MAX_ATTEMPTS


def beat(video, progress):
    """Progress and heartbeat; Superseded when a newer job owns the video."""
    updated = Video.objects.filter(pk=video.pk, job_token=video.job_token).update(
        progress=min(99, max(0, int(progress))), heartbeat_at=timezone.now()
    )
    if not updated:
        raise Superseded


def record_source(video, probe):
    """What the probe found out about the source."""
    Video.objects.filter(pk=video.pk).update(
        duration=probe.duration, width=probe.video.width, height=probe.video.height
    )


def point_at(video, prefix, playlist, rungs, *, has_fallback, ready):
    """Point the row at published outputs; `ready` when they are the whole ladder."""
    fields = {
        "output_prefix": prefix,
        "playlist_name": playlist,
        "has_fallback": has_fallback,
        "rungs": [rung.name for rung in rungs],
        "heartbeat_at": timezone.now(),
    }
    if ready:
        fields.update(state=Video.State.READY, progress=100, failure_reason="", heartbeat_at=None)
    if not Video.objects.filter(pk=video.pk, job_token=video.job_token).update(**fields):
        raise Superseded


def fail(video, reason):
    """Stop for good with a reason editors see; nothing half-done stays published."""
    Video.objects.filter(pk=video.pk, job_token=video.job_token).update(
        state=Video.State.FAILED,
        failure_reason=reason,
        heartbeat_at=None,
        output_prefix="",
        playlist_name="",
        has_fallback=False,
    )
    remove_outputs(video.pk, keep=None)


def give_up(video):
    """Fail after too many attempts."""
    fail(
        video,
        _("Transcoding stopped after %(n)s failed attempts.")
        % {"n": settings.WARTA_VIDEO_MAX_ATTEMPTS},
    )
