"""Refuse to serve with a manifest storage whose manifest is missing or stale.

With `CompressedManifestStaticFilesStorage` (production's default), a page
that names a static file the manifest lacks raises at render time: every page
answered 500 until `collectstatic` ran *and* the server restarted. The web
entry points (`warta/asgi.py`, `warta/wsgi.py`) call `ensure_static_collected`
first, so such a server stops at start-up with one clear message instead.
"""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def missing_static_files(storage=None):
    """Static files the finders know that the storage's manifest does not list.

    Empty when the storage keeps no manifest (development) or it is complete.
    """
    storage = storage or staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return []
    try:
        listed, _ = storage.load_manifest()
    except ValueError:  # unreadable: as good as missing
        listed = {}
    found = set()
    for finder in finders.get_finders():
        for path, _ in finder.list(ignore_patterns=["CVS", ".*", "*~"]):
            found.add(path.replace("\\", "/"))
    return sorted(found - set(listed))


def ensure_static_collected(storage=None):
    storage = storage or staticfiles_storage
    missing = missing_static_files(storage)
    if missing:
        shown = ", ".join(missing[:5])
        if len(missing) > 5:
            shown += f" and {len(missing) - 5} more"
        raise ImproperlyConfigured(
            f"Static files are not collected for this version ({len(missing)} missing from "
            f"the manifest in {storage.location}: {shown}). "
            "Run `manage.py collectstatic --noinput` with the same settings, then start the server."
        )
