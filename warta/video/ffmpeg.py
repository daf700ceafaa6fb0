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


# Uploaded material is read only by the demuxers of real container formats and
# only from local files: a playlist (hls), a concat list, an image sequence or
# any other format that names further files or URLs is refused by ffmpeg itself.
SOURCE_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mpegts,avi"
# The pipeline's own HLS output, remuxed into the MP4 fallback: the playlist and
# its MPEG-TS segments, all local files the encoder just wrote.
OWN_HLS_FORMATS = "hls,mpegts"


def source_input(path, formats=SOURCE_FORMATS):
    """The input options for an uploaded file: container demuxers and local files only."""
    return [
        "-protocol_whitelist", "file", "-format_whitelist", formats, "-i", str(path),
    ]  # fmt: skip


def own_hls_input(playlist):
    """The input options for a playlist the pipeline wrote itself."""
    return source_input(playlist, OWN_HLS_FORMATS)


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


# The first bytes of the containers SOURCE_FORMATS reads. Anything else (text
# above all: HLS playlists, ffconcat lists, SDP files) is refused before ffmpeg sees it.
MOV_BOXES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot"}
SNIFF_BYTES = 4096


def sniff_container(head):
    """The container family `head` (a file's first bytes) starts like, or None."""
    if head[4:8] in MOV_BOXES:
        return "mov"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    for offset, packet in ((0, 188), (4, 192)):  # MPEG-TS, and M2TS with its 4-byte stamps
        if len(head) > offset + 2 * packet and all(
            head[offset + n * packet] == 0x47 for n in range(3)
        ):
            return "mpegts"
    return None


def looks_like_text(head):
    """True for a playlist, a concat list or any other text: no NUL, no control bytes."""
    if not head:
        return True
    return b"\x00" not in head and all(byte >= 9 for byte in head[:512])


def probe(path, formats=SOURCE_FORMATS):
    """Probe `path` with only the `formats` demuxers (uploaded material: SOURCE_FORMATS)."""
    try:
        result = subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-nostdin", *source_input(path, formats)],
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
