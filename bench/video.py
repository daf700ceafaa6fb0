"""Benchmark video transcoding and photo renditions (issue 4).

Run it with `.venv/bin/python bench/video.py` (under `flock /tmp/warta-bench.lock` on
a shared machine); add `--write` to record the figures in docs/benchmarks.md. It
builds its own throwaway database and media folder in a temporary WARTA_DATA_DIR.

Video: a 60 s 1080p30 test-pattern clip with a tone (made with the registry ffmpeg,
not timed) goes through the real transcode job (warta.video.transcode.run). We
time, from the job's start, when the lowest rung is published (readers can play)
and when the whole ladder plus MP4 and poster are ready, as ratios of the clip's
duration. Baseline, measured in the same run: ffmpeg decoding the clip to nothing,
the floor any transcode pays.

Photos: a 4000×3000 camera JPEG (with GPS) per round; we time making the nine
renditions the body image's `{% picture %}` asks for (AVIF, WebP, JPEG at 400,
800, 1200 px), each format separately.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Video and photos (issue 4)"
CLIP_SECONDS = 60


def setup_django(data_dir):
    os.environ["WARTA_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_source(path):
    from warta.video.factories import make_clip

    return make_clip(
        path,
        seconds=CLIP_SECONDS,
        size="1920x1080",
        rate=30,
        extra=["-preset", "veryfast", "-b:v", "6M"],
    )


def decode_seconds(path):
    from warta.video.ffmpeg import ffmpeg_exe

    start = time.monotonic()
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "null", "-"], check=True, timeout=600
    )
    return time.monotonic() - start


def transcode_once(source):
    from warta.video import jobs, transcode
    from warta.video.factories import make_video
    from warta.video.models import Video

    video = make_video(source, title="Bench")
    Video.objects.filter(pk=video.pk).update(job_token="bench", state=Video.State.QUEUED)
    marks = []
    real_point_at = jobs.point_at

    def point_at(*args, ready, **kwargs):
        real_point_at(*args, ready=ready, **kwargs)
        marks.append(time.monotonic())

    jobs.point_at = point_at
    try:
        start = time.monotonic()
        result = transcode.run(video.pk, "bench")
    finally:
        jobs.point_at = real_point_at
    assert result == "ready", (result, Video.objects.get(pk=video.pk).failure_reason)
    video.refresh_from_db()
    return marks[0] - start, marks[-1] - start, video.rungs


def photo_round():
    from warta.images.factories import make_image, photo_bytes
    from warta.images.renditions import BODY_PICTURE, filter_specs

    image = make_image(data=photo_bytes(size=(4000, 3000)))
    times = {}
    for fmt in ("avif", "webp", "jpeg"):
        specs = [spec for spec in filter_specs(BODY_PICTURE) if spec.endswith(fmt)]
        start = time.monotonic()
        image.get_renditions(*specs)
        times[fmt] = time.monotonic() - start
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--photo-rounds", type=int, default=5)
    args = parser.parse_args()

    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="warta-bench-video-") as data_dir:
        setup_django(Path(data_dir))
        source = make_source(Path(data_dir) / "source-1080p.mp4")
        decode, first, ladder, rungs = [], [], [], []
        for _ in range(args.rounds):
            decode.append(decode_seconds(source))
            first_s, ladder_s, rungs = transcode_once(source)
            first.append(first_s)
            ladder.append(ladder_s)
            print(f"decode {decode[-1]:.1f}s, first rung {first_s:.1f}s, ladder {ladder_s:.1f}s")
        photos = [photo_round() for _ in range(args.photo_rounds)]
    load_end = os.getloadavg()

    def row(label, values):
        median = statistics.median(values)
        return (
            f"| {label} | {median:.1f} | {min(values):.1f}–{max(values):.1f} "
            f"| {median / CLIP_SECONDS:.2f}× |"
        )

    photo_rows = []
    for fmt in ("avif", "webp", "jpeg"):
        values = [p[fmt] * 1000 / 3 for p in photos]
        photo_rows.append(
            f"| {fmt.upper()} | {statistics.median(values):.0f} "
            f"| {min(values):.0f}–{max(values):.0f} |"
        )
    total = [sum(p.values()) * 1000 for p in photos]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    text = "\n".join(
        [
            SECTION,
            "",
            f"- Date: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
            f"- Machine: {os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}; "
            f"load average {' '.join(f'{x:.2f}' for x in load_start)} at the start, "
            f"{' '.join(f'{x:.2f}' for x in load_end)} at the end",
            f"- Command: `flock /tmp/warta-bench.lock .venv/bin/python bench/video.py --write` "
            f"({args.rounds} transcodes, {args.photo_rounds} photos)",
            "",
            f"A {CLIP_SECONDS} s 1920×1080 30 fps clip with audio through the real transcode job "
            f"(ladder {', '.join(rungs)} + MP4 fallback + poster); seconds from the job's start "
            "(median, range), and as a ratio of the clip's duration "
            "(goals: first rung ≤ 0.25×, whole ladder ≤ 1.0×):",
            "",
            "| Step | Seconds | Range | × clip duration |",
            "|---|---:|---:|---:|",
            row("Lowest rung playable (240p + poster published)", first),
            row("Whole ladder, MP4 and poster ready", ladder),
            row("Baseline: ffmpeg only decoding the clip", decode),
            "",
            "Photo renditions from a 4000×3000 camera JPEG, per rendition (ms; median and range "
            f"of {args.photo_rounds} photos, three widths each):",
            "",
            "| Format | ms / rendition | Range |",
            "|---|---:|---:|",
            *photo_rows,
            "",
            f"All nine renditions of one body image (made at publish time): "
            f"{statistics.median(total):.0f} ms median.",
            "",
        ]
    )
    print(text)
    if args.write:
        doc = DOC.read_text()
        if SECTION in doc:
            before, _, after = doc.partition(SECTION)
            rest = after.split("\n## ", 1)
            doc = before + text + ("\n## " + rest[1] if len(rest) > 1 else "")
        else:
            doc = doc.rstrip("\n") + "\n\n" + text
        DOC.write_text(doc)


if __name__ == "__main__":
    main()
