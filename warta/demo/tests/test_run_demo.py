"""`run_demo` starts the web server and the worker, and stops when told to.

A real `manage.py run_demo` in a subprocess, on the test database's migrated
rows (it reads only the sites, which the migrations made): TERM and INT sent
together — as `timeout`, a terminal and a process manager can do — must stop
it and its children within 5 seconds.
"""

import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands import db_worker

from warta.demo.management.commands import demo_worker
from warta.live.tests.server import free_port

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """Environment for a subprocess on the migrated test database.

    SQLite's test database lives in this process's memory: it is copied to a
    file once, here, before any test's transaction holds it (a backup from
    inside one waits forever). PostgreSQL's is shared as it is.
    """
    data_dir = tmp_path_factory.mktemp("demo-data")
    env = {**os.environ, "WARTA_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)  # settings.py then uses DATA_DIR/warta.sqlite3
        with django_db_blocker.unblock():
            connection.ensure_connection()
            target = sqlite3.connect(data_dir / "warta.sqlite3")
            connection.connection.backup(target)
            target.close()
    else:
        db = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        )
    return env


def answers(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_demo(tmp_path, env):
    port = free_port()
    log = (tmp_path / "demo.log").open("w+")
    demo = subprocess.Popen(
        [sys.executable, "manage.py", "run_demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # the test's signals reach run_demo alone, as from `kill`
    )
    deadline = time.monotonic() + 60
    while not answers(port):
        assert demo.poll() is None, Path(log.name).read_text()
        assert time.monotonic() < deadline, Path(log.name).read_text()
        time.sleep(0.2)
    return demo, port, log


@pytest.mark.django_db
def test_term_and_int_together_stop_the_demo_within_5_seconds(tmp_path, demo_database):
    demo, port, log = start_demo(tmp_path, demo_database)
    try:
        os.kill(demo.pid, signal.SIGTERM)
        os.kill(demo.pid, signal.SIGINT)
        started = time.monotonic()
        demo.wait(timeout=5)
        took = time.monotonic() - started
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
            demo.wait()
    output = Path(log.name).read_text()
    assert took < 5, output
    assert "Traceback" not in output, output
    # The web server went with it: nothing answers on its port any more.
    assert not answers(port), output


@pytest.mark.parametrize(("command", "logs_per_task"), [(demo_worker, False), (db_worker, True)])
def test_the_demo_worker_does_not_log_a_line_per_task(command, logs_per_task, caplog):
    """At the default verbosity, the demo's worker keeps warnings and drops per-task lines."""
    command.Command().configure_logging(verbosity=1)
    try:
        with caplog.at_level(logging.NOTSET):
            for name in ("django_tasks", "django_tasks_db"):
                logger = logging.getLogger(name)
                logger.info("Task id=1 path=x state=SUCCESSFUL")
                logger.warning("Task id=2 path=x state=FAILED")
    finally:
        for name in ("django_tasks", "django_tasks_db"):
            logging.getLogger(name).setLevel(logging.WARNING)
    messages = [record.getMessage() for record in caplog.records]
    assert messages.count("Task id=2 path=x state=FAILED") == 2
    assert ("Task id=1 path=x state=SUCCESSFUL" in messages) is logs_per_task
