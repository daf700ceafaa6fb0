"""Smoke test of the production stack (`make prod`, deploy/prod.py): the real processes.

Varnish (the shipped VCL) in front of gunicorn and uvicorn, the worker and the
scheduler, on PostgreSQL and Redis, started by `deploy/prod.py run` as `make prod`
does, on a database copied from the migrated test database. An editor process
(stack_editor.py) publishes and posts live updates as the admin would. Runs in the
PostgreSQL pass of `.ci/run`; on SQLite it is skipped (production is PostgreSQL).

The tests share one stack and run in file order: grace, which stops the pages
server, comes last.
"""

import http.client
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from warta.live.tests.redis_server import require_redis

ROOT = Path(settings.BASE_DIR)
PAGE_TTL = 20  # s-maxage of pages in the stack under test: longer than any wait below
JSON_TTL = 1  # the live JSON's max-age


def load_prod():
    spec = importlib.util.spec_from_file_location("warta_deploy_prod", ROOT / "deploy" / "prod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def requirements():
    if connection.vendor != "postgresql":
        pytest.skip(
            "the production stack runs on PostgreSQL: this test runs in the PostgreSQL pass"
        )
    if shutil.which("varnishd") is None:
        reason = "varnishd is not installed (apt-get install varnish)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return require_redis()


def three_free_ports():
    """A base port with the next two free as well (Varnish, gunicorn, uvicorn)."""
    first = int(os.environ.get("WARTA_TEST_STACK_PORT", "0"))
    candidates = [first] if first else range(20000, 60000, 7)
    for base in candidates:
        sockets = []
        try:
            for port in (base, base + 1, base + 2):
                probe = socket.socket()
                sockets.append(probe)
                probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for probe in sockets:
                probe.close()
    raise RuntimeError("no three free ports for the stack")


def copy_test_database(django_db_blocker, name):
    """The migrated test database copied to `name` (PostgreSQL's template copy)."""
    import psycopg

    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    server = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}"
    with django_db_blocker.unblock():
        connection.close()  # a template must have no other session
    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')
    return server


class Editor:
    def __init__(self, env, log):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("stack_editor.py"))],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        assert self.read() == {"ready": True}

    def read(self):
        line = self.process.stdout.readline()
        assert line, "the editor process stopped"
        return json.loads(line)

    def do(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


class Stack:
    def __init__(self, port, host, content, run_dir, log_path):
        self.port, self.host, self.content = port, host, content
        self.run_dir, self.log_path = run_dir, log_path

    def request(self, method, path, headers=None, source=None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=10, source_address=(source, 0) if source else None
        )
        try:
            conn.request(method, path, headers={"Host": self.host, **(headers or {})})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def get(self, path, **headers):
        return self.request("GET", path, headers)

    def pid(self, name):
        return json.loads((self.run_dir / "processes.json").read_text())[name]

    def log(self):
        return self.log_path.read_text()


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    redis_url = requirements()
    prod = load_prod()
    name = f"{connection.settings_dict['NAME']}_stack_{uuid.uuid4().hex[:6]}"
    server = copy_test_database(django_db_blocker, name)
    data_dir = tmp_path_factory.mktemp("stack")
    port = three_free_ports()
    base = {
        **os.environ,
        "PORT": str(port),
        "WARTA_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"{server}/{name}",
        "REDIS_URL": redis_url,
        "WARTA_LIVE_CHANNEL_PREFIX": f"warta-stack-{uuid.uuid4().hex[:8]}",
        "WEB_CONCURRENCY": "2",
        "WARTA_PAGE_MAX_AGE": str(PAGE_TTL),
        "WARTA_SHARED_MAX_AGE": str(PAGE_TTL),
        "WARTA_LIVE_JSON_MAX_AGE": str(JSON_TTL),
        "WARTA_LIVE_KEEPALIVE_SECONDS": "5",
        "WARTA_GRACE_HEALTHY": "1s",
    }
    base.pop("SECRET_KEY", None)
    env = prod.stack_environment(base)
    log_path = data_dir / "stack.log"
    log = log_path.open("w")
    supervisor = subprocess.Popen(
        [sys.executable, "deploy/prod.py", "run"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    result = Stack(port, "balicitizen.localhost", {}, data_dir / "run", log_path)
    editor = None
    try:
        deadline = time.monotonic() + 300  # a loaded 2-core CI machine: minutes
        while "is running behind Varnish" not in result.log():
            assert supervisor.poll() is None, result.log()
            assert time.monotonic() < deadline, result.log()
            time.sleep(0.3)
        # The probe needs two good answers before Varnish sends requests to gunicorn.
        while result.get("/favicon.svg")[0] != 200:
            assert time.monotonic() < deadline, result.log()
            time.sleep(0.3)
        # Content after collectstatic: the editor's process renders live updates.
        editor = result.editor = Editor(env, log)
        result.content = editor.do("setup")
        assert result.content["host"] == result.host
        assert result.get("/")[0] == 200  # cached from now on (the grace test counts on it)
        yield result
    finally:
        if editor is not None:
            editor.close()
        if supervisor.poll() is None:
            supervisor.send_signal(signal.SIGTERM)
            try:
                supervisor.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(supervisor.pid, signal.SIGKILL)
                supervisor.wait()
        log.close()
        import psycopg

        with psycopg.connect(server + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_public_pages_are_cached_and_carry_no_cookie(stack):
    cookie = {"Cookie": "sessionid=abc; csrftoken=def"}
    paths = ["/", stack.content["article"], stack.content["topic"], "/feed/", "/cari/?q=bali"]
    for path in paths:
        status, headers, _ = stack.get(path, **cookie)
        assert status == 200, (path, status)
        assert "Set-Cookie" not in headers, path
        status, headers, _ = stack.get(path, **cookie)
        assert headers["X-Cache"] == "HIT", (path, headers)
        assert "Set-Cookie" not in headers and "x-warta-host" not in headers
    status, headers, _ = stack.get("/tidak-ada/", **cookie)
    assert status == 404 and "Set-Cookie" not in headers
    # The admin is passed, with its cookies, and never cached.
    status, headers, _ = stack.get("/admin/login/")
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert stack.get("/admin/login/")[1]["X-Cache"] == "MISS"


def test_an_edit_is_seen_through_the_cache_within_5_seconds(stack):
    article = stack.content["article"]
    stack.get(article)
    assert stack.get(article)[1]["X-Cache"] == "HIT"  # cached for PAGE_TTL seconds
    assert stack.editor.do("publish Judul yang sudah diperbaiki")["published"]
    published = time.monotonic()
    while b"Judul yang sudah diperbaiki" not in stack.get(article)[2]:
        assert time.monotonic() - published < 5, "the edit was not purged from the cache"
        time.sleep(0.1)
    # Purged, not expired: the page was cached well within its TTL.
    assert time.monotonic() - published < PAGE_TTL


def test_purge_from_an_address_not_allowed_is_refused(stack):
    article = stack.content["article"]
    stack.get(article)
    status, _, body = stack.request("PURGE", article, source="127.0.0.2")
    assert status == 403, body
    assert stack.get(article)[1]["X-Cache"] == "HIT"
    status, _, _ = stack.request("PURGE", article)
    assert status == 200
    assert stack.get(article)[1]["X-Cache"] == "MISS"


def test_the_live_stream_passes_through_unbuffered(stack):
    coverage = stack.content["coverage"]
    conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=10)
    try:
        conn.request("GET", f"/live/{coverage}/events", headers={"Host": stack.host})
        response = conn.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type").startswith("text/event-stream")
        assert response.getheader("server") == "uvicorn"  # the ASGI server, not gunicorn
        assert response.readline().startswith(b"retry:")
        started = time.monotonic()
        stack.editor.do("update Air mulai surut di Kuta.")
        received = b""
        while b"Air mulai surut di Kuta." not in received:
            assert time.monotonic() - started < 5, received
            received += response.readline()
    finally:
        conn.close()


def test_cached_pages_stay_200_while_the_pages_server_is_down(stack):
    """Grace: with gunicorn stopped, pages past their TTL are served stale."""
    json_path = f"/live/{stack.content['coverage']}/updates.json"
    pages = ["/", stack.content["topic"], json_path]
    assert stack.editor.do("idle")["idle"], "the worker never caught up"
    for path in pages:
        assert stack.get(path)[0] == 200
    os.kill(stack.pid("gunicorn"), signal.SIGTERM)
    deadline = time.monotonic() + 30
    while stack.get("/belum-pernah-diminta/")[0] != 503:  # uncached: the backend is gone
        assert time.monotonic() < deadline, stack.log()
        time.sleep(0.3)
    time.sleep(JSON_TTL + 1)
    status, headers, _ = stack.get(json_path)
    assert status == 200 and int(headers["Age"]) > JSON_TTL, headers
    for path in pages:
        status, headers, body = stack.get(path)
        assert status == 200 and body, (path, status)
    # The home page, cached when the stack came up, is older than its TTL by now
    # or soon: still served.
    waited = time.monotonic() + PAGE_TTL + 5
    while int(stack.get("/")[1]["Age"]) <= PAGE_TTL:
        assert time.monotonic() < waited
        time.sleep(0.5)
    assert stack.get("/")[0] == 200
