"""The HLS ladder: which renditions we make of a source. This is where the ladder is chosen.

Plain data and functions (no ffmpeg, no Django), tested directly.
"""

from dataclasses import dataclass


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
# The MP4 fallback (for players without HLS) is remuxed from the tallest rung up to this.
FALLBACK_MAX_HEIGHT = 360


def ladder_for(width, height):
    """The rungs no taller than the source (the smallest rung always, even for tiny clips).

    The one place the ladder for a source is chosen.
    """
    short_side = min(width, height)
    rungs = [rung for rung in LADDER if rung.height <= short_side]
    return rungs or [LADDER[0]]


def fallback_rung(rungs):
    """The rung the MP4 fallback is remuxed from: the tallest up to 360p, else the lowest."""
    return next((r for r in reversed(rungs) if r.height <= FALLBACK_MAX_HEIGHT), rungs[0])


def scaled_size(width, height, rung_height):
    """Even output dimensions with the rung's height on the short side."""
    if width >= height:
        out_h = min(rung_height, height)
        out_w = round(width * out_h / height)
    else:
        out_w = min(rung_height, width)
        out_h = round(height * out_w / width)
    return out_w - out_w % 2, out_h - out_h % 2
