import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

from warta.core.http import public


def serve_public_media(request, path):
    """Serve local media, but only under the public prefixes (renditions, video outputs).

    The path is normalised first, so `images/../x` cannot step out of a prefix.
    """
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith("..") or not path.startswith(tuple(settings.WARTA_PUBLIC_MEDIA_PREFIXES)):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Rendition and video output names never change content: caches may keep them.
    return public(response, max_age=86400)
