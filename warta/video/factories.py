"""Real clips made with the registry ffmpeg, and videos built from them."""

import subprocess
import tempfile
from functools import partial
from pathlib import Path

from django.core.files import File
from django.db import transaction

from warta.video.ffmpeg import ffmpeg_exe
from warta.video.models import Video
from warta.video.tasks import queue_transcode


def make_clip(path, seconds=2, size="480x360", rate=25, audio=True, extra=()):
    """A test-pattern clip with a tone; `extra` adds output options (e.g. metadata)."""
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"]
    command += ["-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    command += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio:
        command += ["-c:a", "aac", "-shortest"]
    command += [*extra, str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return Path(path)


def make_video(clip_path, title="Banjir di Sentani", credit="Yosef/PosPapusa", **fields):
    """A saved Video whose source is `clip_path` (not yet transcoded)."""
    video = Video(title=title, credit=credit, **fields)
    with open(clip_path, "rb") as handle:
        video.source.save(Path(clip_path).name, File(handle), save=False)
    video.save()
    return video


def make_demo_video(title, credit):
    """A short test-pattern clip made now with the registry ffmpeg (the demo ships no binaries).

    Queued for transcoding when the surrounding transaction commits; `make demo`'s
    worker does the rest.
    """
    existing = Video.objects.filter(title=title).first()
    if existing:
        return existing
    with tempfile.TemporaryDirectory(prefix="warta-demo-video-") as folder:
        clip = make_clip(Path(folder) / "demo.mp4", seconds=6, size="640x360")
        video = make_video(clip, title=title, credit=credit, caption=title + ".")
    transaction.on_commit(partial(queue_transcode, video))
    return video
