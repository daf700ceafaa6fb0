"""Production refuses to start on uncollected static files, instead of a 500 per page."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage, StaticFilesStorage
from django.core.exceptions import ImproperlyConfigured

from warta.core.static_check import ensure_static_collected, missing_static_files


def write_manifest(location, paths):
    location.mkdir(parents=True, exist_ok=True)
    manifest = {"paths": {path: path for path in paths}, "version": "1.1", "hash": ""}
    (location / "staticfiles.json").write_text(json.dumps(manifest))


def test_no_manifest_means_every_file_is_missing_and_start_up_stops(tmp_path):
    storage = ManifestStaticFilesStorage(location=tmp_path / "static")
    missing = missing_static_files(storage)
    assert "core/warta.css" in missing
    with pytest.raises(ImproperlyConfigured, match="collectstatic") as error:
        ensure_static_collected(storage)
    assert str(tmp_path / "static") in str(error.value)


def test_a_manifest_from_an_older_version_names_what_it_lacks(tmp_path):
    location = tmp_path / "static"
    everything = missing_static_files(ManifestStaticFilesStorage(location=location))
    write_manifest(location, [path for path in everything if path != "live/live.js"])
    assert missing_static_files(ManifestStaticFilesStorage(location=location)) == ["live/live.js"]


def test_a_complete_or_absent_manifest_lets_the_server_start(tmp_path):
    location = tmp_path / "static"
    everything = missing_static_files(ManifestStaticFilesStorage(location=location))
    write_manifest(location, everything)
    ensure_static_collected(ManifestStaticFilesStorage(location=location))
    # Development's storage keeps no manifest: nothing to check.
    ensure_static_collected(StaticFilesStorage(location=tmp_path / "empty"))


def test_the_production_web_entry_point_stops_with_the_message(tmp_path):
    env = {
        **os.environ,
        "WARTA_ENV": "production",
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "localhost",
        "WARTA_DATA_DIR": str(tmp_path),
    }
    for entry in ("warta.asgi", "warta.wsgi"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {entry}"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode != 0
        assert "Static files are not collected" in done.stderr
        assert "manage.py collectstatic" in done.stderr
