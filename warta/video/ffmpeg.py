"""The registry ffmpeg (imageio-ffmpeg's binary): finding it, its command line, probing with it.

Probing parses `ffmpeg -i`'s stream summary: the PyPI wheels ship ffmpeg but
no ffprobe. Parsing is a plain function, tested directly; the ladder is chosen
in warta.video.ladder.
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


def command(*args):
    """An ffmpeg command line that asks nothing of the terminal and reports only errors."""
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error", *args]


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
