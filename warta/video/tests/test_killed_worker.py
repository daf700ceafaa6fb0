"""A worker killed mid-transcode: the job is retried and finishes with a complete output.

Real processes against a real database: `manage.py db_worker` subprocesses share
the test's database (PostgreSQL's test database, or a copy of SQLite's in-memory
test database in a file), and the worker is killed with SIGKILL mid-job.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from warta.video.factories import make_clip, make_video
from warta.video.models import Video
from warta.video.tests.test_transcode import decodes_fully

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def keep_migration_data(django_db_setup, django_db_blocker):
    """Put back the migrations' rows (Wagtail's root page, groups) after the flush.

    The workers need committed data, so the test runs in a transactional
    database that is flushed at the end; tests after it need the root page.
    Requested before `transactional_db`, so torn down after its flush.
    """
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
    # With django_db_serialized_rollback, the flush leaves out post_migrate
    # (which would recreate content types the snapshot also holds).
    connection._test_serialized_contents = snapshot
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(snapshot)


class WorkerDatabase:
    """Environment and state reads for subprocesses sharing the test's data."""

    def __init__(self, data_dir):
        self.env = {
            **os.environ,
            "WARTA_DATA_DIR": str(data_dir),
            "WARTA_VIDEO_LEASE_SECONDS": "2",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        }
        self.sqlite_path = None
        if connection.vendor == "sqlite":
            # The file settings.py uses when DATABASE_URL is unset and the data dir is ours.
            self.env.pop("DATABASE_URL", None)
            self.sqlite_path = Path(data_dir) / "warta.sqlite3"
        else:
            db = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
                f":{db['PORT'] or 5432}/{db['NAME']}"
            )

    def share(self):
        """Make the test's committed rows visible to the subprocesses."""
        if self.sqlite_path:
            connection.ensure_connection()
            target = sqlite3.connect(self.sqlite_path)
            connection.connection.backup(target)
            target.close()

    def video(self, pk):
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=20) as db:
                row = db.execute(
                    "SELECT state, progress, attempts, output_prefix, playlist_name, rungs,"
                    " failure_reason FROM video_video WHERE id = ?",
                    (pk,),
                ).fetchone()
            keys = ("state", "progress", "attempts", "output_prefix", "playlist_name")
            return dict(zip((*keys, "rungs", "failure_reason"), row, strict=True))
        video = Video.objects.get(pk=pk)
        return {
            key: getattr(video, key)
            for key in ("state", "progress", "attempts", "output_prefix", "playlist_name")
        } | {"rungs": video.rungs, "failure_reason": video.failure_reason}

    def manage(self, *args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            timeout=120,
            check=True,
            **kwargs,
        )

    def start_worker(self):
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2",
             "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_job_whose_worker_was_killed_is_retried_and_completes(
    tmp_path, keep_migration_data, transactional_db, django_db_serialized_rollback
):
    clip = make_clip(tmp_path / "panjang.mp4", seconds=12, size="1280x720")
    video = make_video(clip)
    shared = WorkerDatabase(tmp_path)
    shared.share()
    queue = (
        "from warta.video.models import Video; from warta.video.tasks import queue_transcode; "
        "queue_transcode(Video.objects.get(pk={}))"
    )
    shared.manage("shell", "-c", queue.format(video.pk))

    worker = shared.start_worker()
    try:
        wait_for(
            lambda: (
                shared.video(video.pk)["state"] == "processing"
                and shared.video(video.pk)["progress"] > 0
            ),
            # Generous: a loaded CI machine starts Django and ffmpeg slowly.
            180,
            "the first worker to start transcoding",
        )
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its ffmpeg, mid-job
        worker.wait()
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    assert shared.video(video.pk)["state"] == "processing"

    time.sleep(2.5)  # longer than the lease: the heartbeat is now stale
    swept = shared.manage("transcode_pending").stdout.decode()
    assert "1 requeued" in swept

    worker = shared.start_worker()
    try:
        state = wait_for(
            lambda: (v := shared.video(video.pk))["state"] in ("ready", "failed") and v,
            120,
            "the retried job to finish",
        )
        # The job marks the video ready, then removes its own work folder; the
        # killed attempt's folder went when the retry started.
        pattern = f"warta-video-{video.pk}-*"
        wait_for(
            lambda: not list(Path(tempfile.gettempdir()).glob(pattern)),
            30,
            "the local work folders to be removed",
        )
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

    assert state["state"] == "ready", state["failure_reason"]
    assert state["attempts"] == 2
    media = tmp_path / "media"
    prefix = media / state["output_prefix"]
    # Only the finished output remains: the killed attempt's files are gone.
    assert [p.name for p in prefix.parent.iterdir()] == [prefix.name]
    master = (prefix / state["playlist_name"]).read_text()
    for rung in ("240p", "360p", "720p"):
        assert f"{rung}/index.m3u8" in master
        assert decodes_fully(prefix / rung / "index.m3u8") == ""
    assert (prefix / "fallback.mp4").exists() and (prefix / "poster.jpg").exists()
