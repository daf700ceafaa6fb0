import posixpath
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils._os import safe_join

from warta.core.http import public
from warta.core.ranges import ranged_file_response


def serve_public_media(request, path):
    """Serve local media, but only under the public prefixes (renditions, video outputs).

    The path is normalised first, so `images/../x` cannot step out of a prefix.
    Byte ranges are honoured (core/ranges.py), so players can seek in videos.
    """
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or not path.startswith(tuple(settings.WARTA_PUBLIC_MEDIA_PREFIXES)):
        raise Http404
    try:
        fullpath = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation:  # outside MEDIA_ROOT
        raise Http404 from None
    if not fullpath.is_file():
        raise Http404
    response = ranged_file_response(request, fullpath)
    if response.status_code == 416:
        return response
    # Rendition and video output names never change content: caches may keep them.
    return public(response, max_age=86400)
