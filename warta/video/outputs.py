"""Publishing a job's outputs through the default storage, and removing them.

Files are copied from the local work folder through the default storage
(local or S3) under the job's own prefix (warta.video.layout), which no
reader knows until the job points the row at it (warta.video.jobs) once
every file of a playlist is there. A job that dies half-way leaves an
unreferenced prefix, removed by the next attempt.
"""

import contextlib
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage

from warta.video.ladder import scaled_size
from warta.video.layout import outputs_root


def publish(work_dir, prefix, names):
    """Copy `names` (relative to `work_dir`) to `prefix`, in order, under their own names."""
    for name in names:
        target = f"{prefix}/{name}"
        with open(work_dir / name, "rb") as handle:
            saved = default_storage.save(target, File(handle, name=Path(name).name))
        if saved != target:
            raise RuntimeError(f"storage renamed {target} to {saved}")


def write_master(prefix, probe, rungs):
    """Write the master playlist listing `rungs` (already published); return its name."""
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for rung in rungs:
        width, height = scaled_size(probe.video.width, probe.video.height, rung.height)
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
    root = outputs_root(video_pk)
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
