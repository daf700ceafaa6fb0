"""The transcode pipeline: a local source to HLS rungs, an MP4 fallback and a poster.

Pure: it knows nothing of the database, Django models or storage. It runs
ffmpeg into a work folder, reports progress through a callback, and yields
each batch of files as it is finished, so that its caller (the job,
warta.video.transcode) can publish the lowest rung and the poster before the
other rungs are encoded. Errors the editor must fix raise InputError.
"""

import subprocess
import time
from dataclasses import dataclass

from django.utils.translation import gettext as _

from warta.video import ffmpeg
from warta.video.ladder import fallback_rung, scaled_size
from warta.video.layout import FALLBACK, POSTER

SEGMENT_SECONDS = 4
# At most one progress report this often (the job writes each one as its heartbeat).
PROGRESS_SECONDS = 2
# Share of the progress bar given to the first (lowest) rung and the poster.
FIRST_RUNG_SHARE = 25


class InputError(Exception):
    """The source cannot be transcoded; retrying will not help. The message is for editors."""


@dataclass(frozen=True)
class Batch:
    """Files just finished, relative to the work folder, in the order to publish them.

    `playable` is set when, with these files published, a master playlist of
    those rungs (and the MP4 fallback, when `fallback`) can be served.
    """

    files: list
    playable: list | None = None
    fallback: bool = False


def probe_source(source):
    """The source's streams and duration; InputError unless it is a video with a length."""
    try:
        found = ffmpeg.probe(source)
    except ffmpeg.ProbeError as error:
        raise InputError(_("The file could not be read as a video.")) from error
    if found.video is None:
        raise InputError(_("The file has no video stream."))
    if (found.duration or 0) <= 0:
        raise InputError(_("The video's duration could not be read."))
    return found


def transcode(source, work_dir, probe, rungs, on_progress):
    """Encode `source` (already probed) into `work_dir`, yielding a Batch as each is done.

    First the poster and the lowest rung (playable on their own), then the
    other rungs in one ffmpeg run (the source is decoded once), then the MP4
    remuxed from a low rung. `on_progress(percent)` is called every few
    seconds while encoding; whatever it raises stops the pipeline.
    """
    duration = probe.duration
    make_poster(source, duration, work_dir / POSTER)
    encode(source, probe, rungs[:1], work_dir, duration, (on_progress, 0, FIRST_RUNG_SHARE))
    yield Batch([POSTER, *rung_files(work_dir, rungs[:1])], playable=rungs[:1])

    if len(rungs) > 1:
        encode(source, probe, rungs[1:], work_dir, duration, (on_progress, FIRST_RUNG_SHARE, 95))
        yield Batch(rung_files(work_dir, rungs[1:]))
    remux_fallback(work_dir / fallback_rung(rungs).name / "index.m3u8", work_dir / FALLBACK)
    yield Batch([FALLBACK], playable=rungs, fallback=True)


def make_poster(source, duration, target):
    at = min(1.0, duration / 2)
    command = ffmpeg.command(
        "-ss", f"{at:.2f}", *ffmpeg.source_input(source), "-frames:v", "1", "-map_metadata", "-1",
        "-vf", "scale=-2:'min(720,ih)'", "-q:v", "4", str(target),
    )  # fmt: skip
    run_ffmpeg(command, "poster")


def rung_output_args(probe, rung, out):
    width, height = scaled_size(probe.video.width, probe.video.height, rung.height)
    folder = out / rung.name
    folder.mkdir(exist_ok=True)
    return [
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


def encode(source, probe, rungs, out, duration, progress):
    """Encode `rungs` in one ffmpeg run; `progress` is (on_progress, start %, end %)."""
    args = ["-progress", "pipe:1", "-nostats", *ffmpeg.source_input(source)]
    for rung in rungs:
        args += rung_output_args(probe, rung, out)
    run_ffmpeg(ffmpeg.command(*args), "encode", duration=duration, progress=progress)


def remux_fallback(playlist, target):
    command = ffmpeg.command(
        *ffmpeg.own_hls_input(playlist), "-map", "0", "-c", "copy", "-bsf:a", "aac_adtstoasc",
        "-movflags", "+faststart", str(target),
    )  # fmt: skip
    run_ffmpeg(command, "fallback")


def run_ffmpeg(command, step, duration=None, progress=None):
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    last_report = 0.0
    try:
        for line in process.stdout:
            if progress is None or not line.startswith(b"out_time_us="):
                continue
            now = time.monotonic()
            if now - last_report < PROGRESS_SECONDS:
                continue
            last_report = now
            try:
                done = int(line.split(b"=", 1)[1]) / 1_000_000 / duration
            except ValueError:
                continue
            on_progress, start, end = progress
            on_progress(start + (end - start) * min(1.0, max(0.0, done)))
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
