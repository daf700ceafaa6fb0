"""The registry ffmpeg (imageio-ffmpeg's binary) and what we ask of it.

Probing parses `ffmpeg -i`'s stream summary: the PyPI wheels ship ffmpeg but
no ffprobe. Parsing and ladder choice are plain functions, tested directly.
"""

import re
import subprocess
from dataclasses import dataclass, field
from functools import cache

from imageio_ffmpeg import get_ffmpeg_exe

PROBE_TIMEOUT = 60


@cache
def ffmpeg_exe():
    return get_ffmpeg_exe()


class ProbeError(Exception):
    """ffmpeg could not read the file as a video."""


@dataclass
class Stream:
    kind: str  # "video" or "audio"
    codec: str
    width: int = 0
    height: int = 0


@dataclass
class Probe:
    duration: float | None
    streams: list = field(default_factory=list)

    @property
    def video(self):
        return next((s for s in self.streams if s.kind == "video"), None)

    @property
    def has_audio(self):
        return any(s.kind == "audio" for s in self.streams)


DURATION = re.compile(r"Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)")
STREAM = re.compile(r"^\s*Stream #\d+:\d+\S*: (Video|Audio): (\w+)(.*)$", re.MULTILINE)
SIZE = re.compile(r", (\d{2,5})x(\d{2,5})[, \[]")
ROTATION = re.compile(r"(?:rotate\s*:\s*|rotation of )(-?\d+(?:\.\d+)?)")


def parse_probe(text):
    """Streams and duration from `ffmpeg -i` output (first input only)."""
    text = text.split("Stream mapping:")[0]
    match = DURATION.search(text)
    duration = None
    if match:
        hours, minutes, seconds = match.groups()
        duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    streams = []
    for kind, codec, rest in STREAM.findall(text):
        if kind == "Video":
            if "(attached pic)" in rest:
                continue  # cover art, not footage
            size = SIZE.search(rest + ",")
            if not size:
                continue
            streams.append(Stream("video", codec, int(size.group(1)), int(size.group(2))))
        else:
            streams.append(Stream("audio", codec))
    rotation = ROTATION.search(text)
    if rotation and abs(float(rotation.group(1))) % 180 == 90:
        for stream in streams:
            stream.width, stream.height = stream.height, stream.width
    return Probe(duration=duration, streams=streams)


def probe(path):
    try:
        result = subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
            capture_output=True,
            timeout=PROBE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ProbeError("timeout") from error
    text = result.stderr.decode("utf-8", "replace")
    found = parse_probe(text)
    if "Invalid data found" in text or "moov atom not found" in text:
        raise ProbeError(text[-500:])
    return found


@dataclass(frozen=True)
class Rung:
    height: int
    video_kbps: int
    audio_kbps: int
    preset: str

    @property
    def name(self):
        return f"{self.height}p"


# Bitrates for phones on costly data; presets chosen so a 60 s 1080p clip is
# fully done within its own duration on 2 cores (bench/video.py).
LADDER = (
    Rung(240, 300, 64, "veryfast"),
    Rung(360, 700, 96, "veryfast"),
    Rung(720, 2000, 128, "superfast"),
    Rung(1080, 4000, 128, "ultrafast"),
)


def ladder_for(width, height):
    """The rungs no taller than the source (the smallest rung always, even for tiny clips)."""
    short_side = min(width, height)
    rungs = [rung for rung in LADDER if rung.height <= short_side]
    return rungs or [LADDER[0]]


def scaled_size(width, height, rung_height):
    """Even output dimensions with the rung's height on the short side."""
    if width >= height:
        out_h = min(rung_height, height)
        out_w = round(width * out_h / height)
    else:
        out_w = min(rung_height, width)
        out_h = round(height * out_w / width)
    return out_w - out_w % 2, out_h - out_h % 2
