"""One transcode job, start to end: claim, probe, the pipeline, publish, point the row.

It only decides: warta.video.jobs writes the row (every write conditional on
the job's token), warta.video.pipeline runs ffmpeg in a local work folder,
and warta.video.outputs copies each finished batch through the default
storage under the job's own prefix before the row is pointed at it. The
task (warta.video.tasks) queues a fresh job when this one asks for a retry.
"""

import logging
import shutil
import tempfile
from functools import partial
from pathlib import Path

from warta.video import jobs, outputs, pipeline
from warta.video.ladder import ladder_for
from warta.video.layout import output_prefix

logger = logging.getLogger(__name__)

WORK_PREFIX = "warta-video-"

READY = "ready"
FAILED = "failed"
SUPERSEDED = "superseded"
RETRY = "retrying"


def run(video_pk, job_token):
    """Run the job; READY, FAILED, SUPERSEDED, or RETRY (the caller queues a fresh job)."""
    video = jobs.claim(video_pk, job_token)
    if video is None:
        return SUPERSEDED
    if jobs.over_attempts(video):
        jobs.give_up(video)
        return FAILED
    remove_work_folders(video_pk, except_token=job_token)
    try:
        with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{video_pk}-{job_token}-") as work:
            make_outputs(video, Path(work))
    except jobs.Superseded:
        return SUPERSEDED
    except pipeline.InputError as error:
        jobs.fail(video, str(error))
        return FAILED
    except Exception:
        # Storage hiccups, a killed ffmpeg, a full disk: worth another attempt.
        logger.exception("Transcoding video %s failed", video_pk)
        if not jobs.owns(video):
            return SUPERSEDED  # a newer job owns the video; leave it be
        if not jobs.may_retry(video):
            jobs.give_up(video)
            return FAILED
        return RETRY
    return READY


def remove_work_folders(video_pk, except_token):
    """Local work folders of this video's earlier attempts, left behind by a killed worker."""
    pattern = f"{WORK_PREFIX}{video_pk}-*"
    for folder in Path(tempfile.gettempdir()).glob(pattern):
        if not folder.name.startswith(f"{WORK_PREFIX}{video_pk}-{except_token}-"):
            shutil.rmtree(folder, ignore_errors=True)


def make_outputs(video, work):
    """Copy the source in, run the pipeline, publish each batch and point the row at it."""
    source = work / "source"
    with video.source.storage.open(video.source.name, "rb") as stored, open(source, "wb") as local:
        shutil.copyfileobj(stored, local, 1024 * 1024)
    probe = pipeline.probe_source(source)
    jobs.record_source(video, probe)
    rungs = ladder_for(probe.video.width, probe.video.height)
    prefix = output_prefix(video.pk, video.job_token)
    out = work / "out"
    out.mkdir()
    outputs.remove_outputs(video.pk, keep=video.output_prefix)

    playlist, listed = "", None
    batches = pipeline.transcode(source, out, probe, rungs, on_progress=partial(jobs.beat, video))
    for batch in batches:
        outputs.publish(out, prefix, batch.files)
        if batch.playable is None:
            continue
        if batch.playable != listed:
            playlist, listed = outputs.write_master(prefix, probe, batch.playable), batch.playable
        ready = len(batch.playable) == len(rungs)
        jobs.point_at(
            video, prefix, playlist, batch.playable, has_fallback=batch.fallback, ready=ready
        )
    outputs.remove_outputs(video.pk, keep=prefix)
