"""The background task: primary keys in; the job itself is warta.video.transcode."""

from django_tasks import task

from warta.video import jobs, transcode
from warta.video.models import Video


@task()
def transcode_video(video_pk, job_token):
    """Transcode one upload; `job_token` makes a superseded or duplicate job a no-op."""
    outcome = transcode.run(video_pk, job_token)
    if outcome == transcode.RETRY:
        queue_transcode(Video.objects.get(pk=video_pk))
    return outcome


def queue_transcode(video):
    """Queue a fresh job; an older job still queued finds its token stale and stops."""
    return transcode_video.enqueue(video.pk, jobs.queue(video))
