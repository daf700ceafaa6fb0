"""Where a video's files live in storage: the names only, so settings.py can read them.

Sources go to the private storage under ORIGINALS_PREFIX; captions and the
transcoded outputs go to the default storage under PUBLIC_PREFIX, the only
video prefix readers may fetch (settings.WARTA_PUBLIC_MEDIA_PREFIXES). Each
job writes its outputs under a prefix of its own (video pk, job token), so a
half-written set is never one readers know. This module imports nothing from
Django: settings.py imports it.
"""

import uuid

ORIGINALS_PREFIX = "video/originals"
PUBLIC_PREFIX = "video/public"
CAPTIONS_PREFIX = f"{PUBLIC_PREFIX}/captions"

# Files of an output prefix besides the rung folders and master playlists.
POSTER = "poster.jpg"
FALLBACK = "fallback.mp4"


def source_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{ORIGINALS_PREFIX}/{uuid.uuid4().hex}.{extension[:8]}"


def captions_upload_to(instance, filename):
    return f"{CAPTIONS_PREFIX}/{uuid.uuid4().hex}.vtt"


def outputs_root(video_pk):
    """The folder holding every output prefix of one video."""
    return f"{PUBLIC_PREFIX}/{video_pk}"


def output_prefix(video_pk, job_token):
    """The prefix one job publishes under; the row is pointed at it once it is complete."""
    return f"{outputs_root(video_pk)}/{job_token}"
