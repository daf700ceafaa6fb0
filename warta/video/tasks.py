from django_tasks import task


@task()
def transcode_video(video_pk, job_token):
    """Transcode one upload; `job_token` makes a superseded or duplicate job a no-op."""
    from warta.video.transcode import run

    return run(video_pk, job_token)
