"""WebVTT checking: captions are served to readers, so only well-formed cues are accepted."""

import re

MAX_CAPTION_BYTES = 512 * 1024
TIMING = re.compile(
    r"^(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}(?:\s+.*)?$"
)


class CaptionError(ValueError):
    pass


def check_webvtt(data):
    """Raise CaptionError (with a reason key) unless `data` is a WebVTT file with cues."""
    if len(data) > MAX_CAPTION_BYTES:
        raise CaptionError("too_big")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaptionError("encoding") from error
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise CaptionError("header")
    cues = 0
    for line in lines[1:]:
        if "-->" in line:
            if not TIMING.match(line.strip()):
                raise CaptionError("timing")
            cues += 1
    if not cues:
        raise CaptionError("empty")
    return cues
