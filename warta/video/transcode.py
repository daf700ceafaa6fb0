"""The transcode job: probe, lowest rung first, then the rest, each published atomically.

Outputs are written to a local temporary folder, then copied through the
default storage (local or S3) under a prefix no reader knows yet; the row is
pointed at the prefix only when every file of a playlist is there. A job
that dies half-way leaves an unreferenced prefix, removed by the next attempt.
"""

import contextlib
import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from warta.video import ffmpeg
from warta.video.models import PUBLIC_PREFIX, Video

logger = logging.getLogger(__name__)

SEGMENT_SECONDS = 4
WORK_PREFIX = "warta-video-"
HEARTBEAT_SECONDS = 2
# Share of the progress bar given to the first (lowest) rung and the poster.
FIRST_RUNG_SHARE = 25


class InputError(Exception):
    """The source cannot be transcoded; retrying will not help. The message is for editors."""


class Superseded(Exception):
    """A newer job (a new upload, or a retry after a lost heartbeat) owns this video now."""


def run(video_pk, job_token):
    video = claim(video_pk, job_token)
    if video is None:
        return "superseded"
    if video.attempts > settings.WARTA_VIDEO_MAX_ATTEMPTS:
        fail(video, too_many_attempts_reason())
        return "failed"
    remove_work_folders(video_pk, except_token=job_token)
    try:
        with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{video_pk}-{job_token}-") as work:
            transcode(video, Path(work))
    except Superseded:
        return "superseded"
    except InputError as error:
        fail(video, str(error))
        return "failed"
    except Exception:
        # Storage hiccups, a killed ffmpeg, a full disk: worth another attempt.
        logger.exception("Transcoding video %s failed", video_pk)
        if not Video.objects.filter(pk=video_pk, job_token=job_token).exists():
            return "superseded"  # a newer job owns the video; leave it be
        if video.attempts >= settings.WARTA_VIDEO_MAX_ATTEMPTS:
            fail(video, too_many_attempts_reason())
            return "failed"
        video.refresh_from_db()
        video.queue_transcode()
        return "retrying"
    return "ready"


def remove_work_folders(video_pk, except_token):
    """Local work folders of this video's earlier attempts, left behind by a killed worker."""
    pattern = f"{WORK_PREFIX}{video_pk}-*"
    for folder in Path(tempfile.gettempdir()).glob(pattern):
        if not folder.name.startswith(f"{WORK_PREFIX}{video_pk}-{except_token}-"):
            shutil.rmtree(folder, ignore_errors=True)


def too_many_attempts_reason():
    return _("Transcoding stopped after %(n)s failed attempts.") % {
        "n": settings.WARTA_VIDEO_MAX_ATTEMPTS
    }


def claim(video_pk, job_token):
    claimed = Video.objects.filter(
        pk=video_pk, job_token=job_token, state__in=[Video.State.QUEUED, Video.State.PROCESSING]
    ).update(
        state=Video.State.PROCESSING,
        attempts=F("attempts") + 1,
        heartbeat_at=timezone.now(),
        progress=0,
    )
    return Video.objects.get(pk=video_pk) if claimed else None


def beat(video, progress):
    updated = Video.objects.filter(pk=video.pk, job_token=video.job_token).update(
        progress=min(99, max(0, int(progress))), heartbeat_at=timezone.now()
    )
    if not updated:
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


def transcode(video, work):
    source = work / "source"
    with video.source.storage.open(video.source.name, "rb") as stored, open(source, "wb") as local:
        shutil.copyfileobj(stored, local, 1024 * 1024)
    try:
        probe = ffmpeg.probe(source)
    except ffmpeg.ProbeError as error:
        raise InputError(_("The file could not be read as a video.")) from error
    if probe.video is None:
        raise InputError(_("The file has no video stream."))
    duration = probe.duration or 0
    if duration <= 0:
        raise InputError(_("The video's duration could not be read."))
    Video.objects.filter(pk=video.pk).update(
        duration=duration, width=probe.video.width, height=probe.video.height
    )
    rungs = ffmpeg.ladder_for(probe.video.width, probe.video.height)
    prefix = f"{PUBLIC_PREFIX}/{video.pk}/{video.job_token}"
    out = work / "out"
    out.mkdir()
    remove_outputs(video.pk, keep=video.output_prefix)

    # 1. The lowest rung and the poster: readers can play as soon as these are out.
    make_poster(source, duration, out / "poster.jpg")
    encode(source, probe, rungs[:1], out, duration, progress=(video, 0, FIRST_RUNG_SHARE))
    publish(out, prefix, ["poster.jpg", *rung_files(out, rungs[:1])])
    first_playlist = write_master(prefix, probe, rungs[:1])
    point_at(video, prefix, first_playlist, rungs[:1], has_fallback=False, ready=len(rungs) == 1)

    # 2. The other rungs in one ffmpeg run (the source is decoded once), then the MP4.
    if len(rungs) > 1:
        encode(source, probe, rungs[1:], out, duration, progress=(video, FIRST_RUNG_SHARE, 95))
        publish(out, prefix, rung_files(out, rungs[1:]))
    fallback_rung = next((r for r in reversed(rungs) if r.height <= 360), rungs[0])
    remux_fallback(out / fallback_rung.name / "index.m3u8", out / "fallback.mp4")
    publish(out, prefix, ["fallback.mp4"])
    playlist = write_master(prefix, probe, rungs) if len(rungs) > 1 else first_playlist
    point_at(video, prefix, playlist, rungs, has_fallback=True, ready=True)
    remove_outputs(video.pk, keep=prefix)


def point_at(video, prefix, playlist, rungs, *, has_fallback, ready):
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


def ffmpeg_command(*args):
    return [ffmpeg.ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error", *args]


def make_poster(source, duration, target):
    at = min(1.0, duration / 2)
    command = ffmpeg_command(
        "-ss", f"{at:.2f}", "-i", str(source), "-frames:v", "1", "-map_metadata", "-1",
        "-vf", "scale=-2:'min(720,ih)'", "-q:v", "4", str(target),
    )  # fmt: skip
    run_ffmpeg(command, "poster")


def rung_output_args(probe, rung, out):
    width, height = ffmpeg.scaled_size(probe.video.width, probe.video.height, rung.height)
    folder = out / rung.name
    folder.mkdir(exist_ok=True)
    args = [
        "-map", "0:v:0", "-map", "0:a:0?", "-map_metadata", "-1", "-map_chapters", "-1",
        "-vf", f"scale={width}:{height}", "-pix_fmt", "yuv420p",
        "-c:v", "libx264", "-preset", rung.preset, "-profile:v", "main",
        "-b:v", f"{rung.video_kbps}k", "-maxrate", f"{int(rung.video_kbps * 1.1)}k",
        "-bufsize", f"{rung.video_kbps * 2}k",
        "-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_SECONDS})", "-sc_threshold", "0",
        "-c:a", "aac", "-b:a", f"{rung.audio_kbps}k", "-ac", "2", "-ar", "44100",
        "-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
        "-hls_flags", "independent_segments",
        "-hls_segment_filename", str(folder / "seg_%04d.ts"), str(folder / "index.m3u8"),
    ]  # fmt: skip
    return args


def encode(source, probe, rungs, out, duration, progress):
    args = ["-progress", "pipe:1", "-nostats", "-i", str(source)]
    for rung in rungs:
        args += rung_output_args(probe, rung, out)
    run_ffmpeg(ffmpeg_command(*args), "encode", duration=duration, progress=progress)


def remux_fallback(playlist, target):
    command = ffmpeg_command(
        "-i", str(playlist), "-map", "0", "-c", "copy", "-bsf:a", "aac_adtstoasc",
        "-movflags", "+faststart", str(target),
    )  # fmt: skip
    run_ffmpeg(command, "fallback")


def run_ffmpeg(command, step, duration=None, progress=None):
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    last_beat = 0.0
    try:
        for line in process.stdout:
            if progress is None or not line.startswith(b"out_time_us="):
                continue
            now = time.monotonic()
            if now - last_beat < HEARTBEAT_SECONDS:
                continue
            last_beat = now
            try:
                done = int(line.split(b"=", 1)[1]) / 1_000_000 / duration
            except ValueError:
                continue
            video, start, end = progress
            beat(video, start + (end - start) * min(1.0, max(0.0, done)))
        stderr = process.stderr.read().decode("utf-8", "replace")
        code = process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise
    if code != 0:
        if "Invalid data found" in stderr or "corrupt" in stderr.lower():
            raise InputError(_("The video file is damaged and could not be transcoded."))
        raise RuntimeError(f"ffmpeg {step} exited with {code}: {stderr[-1000:]}")


def rung_files(out, rungs):
    names = []
    for rung in rungs:
        folder = out / rung.name
        segments = sorted(p.name for p in folder.glob("seg_*.ts"))
        names += [f"{rung.name}/{name}" for name in segments]
        names.append(f"{rung.name}/index.m3u8")  # after its segments
    return names


def publish(out, prefix, names):
    for name in names:
        target = f"{prefix}/{name}"
        with open(out / name, "rb") as handle:
            saved = default_storage.save(target, File(handle, name=Path(name).name))
        if saved != target:
            raise RuntimeError(f"storage renamed {target} to {saved}")


def write_master(prefix, probe, rungs):
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for rung in rungs:
        width, height = ffmpeg.scaled_size(probe.video.width, probe.video.height, rung.height)
        bandwidth = (rung.video_kbps * 1.1 + (rung.audio_kbps if probe.has_audio else 0)) * 1000
        lines.append(f"#EXT-X-STREAM-INF:BANDWIDTH={int(bandwidth)},RESOLUTION={width}x{height}")
        lines.append(f"{rung.name}/index.m3u8")
    name = f"master-{len(rungs)}.m3u8"
    saved = default_storage.save(f"{prefix}/{name}", ContentFile("\n".join(lines) + "\n"))
    if saved != f"{prefix}/{name}":
        raise RuntimeError(f"storage renamed {name} to {saved}")
    return name


def remove_outputs(video_pk, keep):
    """Delete this video's output prefixes except `keep` (half-written or superseded ones)."""
    root = f"{PUBLIC_PREFIX}/{video_pk}"
    try:
        folders, _files = default_storage.listdir(root)
    except FileNotFoundError:
        return
    for folder in folders:
        path = f"{root}/{folder}"
        if path != keep:
            delete_tree(path)


def delete_tree(path):
    folders, files = default_storage.listdir(path)
    for name in files:
        default_storage.delete(f"{path}/{name}")
    for folder in folders:
        delete_tree(f"{path}/{folder}")
    if isinstance(default_storage, FileSystemStorage):
        # Local storage leaves empty folders behind; object stores have none.
        with contextlib.suppress(OSError):
            Path(default_storage.path(path)).rmdir()
