"""Where uploaded originals (photos and video sources) are kept: never in public media.

Originals keep what the camera wrote (GPS point, device serial), so they go to
the `private` storage alias. Locally that is a folder beside MEDIA_ROOT that no
URL serves; on S3 it is a prefix (or bucket) read only through signed URLs
(settings.STORAGES["private"]). Readers only ever get renditions and video
outputs from the default storage.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder next to MEDIA_ROOT (or WARTA_PRIVATE_MEDIA_ROOT), with no public URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", "/private-media/")
        super().__init__(**kwargs)

    @cached_property
    def base_location(self):
        configured = getattr(settings, "WARTA_PRIVATE_MEDIA_ROOT", None)
        if configured:
            return str(configured)
        return str(Path(settings.MEDIA_ROOT).parent / "private-media")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in ("MEDIA_ROOT", "WARTA_PRIVATE_MEDIA_ROOT"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    return storages["private"]
