"""Warta's production stack on one machine: `make prod` runs `python deploy/prod.py run`.

    run        collectstatic, migrate (and the demo when asked), then Varnish in front of
               gunicorn (pages) and uvicorn (live event streams), the task worker and the
               scheduler, until Ctrl-C or TERM; a process that crashes is restarted
    vcl        print deploy/varnish/warta.vcl with this environment's values (for systemd)
    scheduler  the scheduled jobs every minute: publish_scheduled, transcode_pending, poll_feeds
    preflight  the settings load and static files are collected (else a clear message, exit 1)

The environment is the app's (README "Configuration", "Running in production"); `run`
fills in what a single machine needs and the caller did not set. Ports: Varnish on
PORT (default 8000), gunicorn on PORT+1, uvicorn on PORT+2, all on 127.0.0.1
(WARTA_BIND for Varnish's address).
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VCL_TEMPLATE = ROOT / "deploy" / "varnish" / "warta.vcl"
PYTHON = sys.executable

DEFAULTS = {
    "WARTA_ENV": "production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/warta",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",
    # This machine speaks plain HTTP on 127.0.0.1; behind TLS set both as README says.
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_HSTS_SECONDS": "0",
    # Varnish is the one proxy in front: it names the client in X-Forwarded-For.
    "WARTA_API_TRUSTED_PROXIES": "1",
}


def log(message):
    print(
        f"[prod {time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True
    )


def ports(env):
    port = int(env.get("PORT", "8000"))
    return port, port + 1, port + 2


def stack_environment(base=None):
    """The environment every process of the stack gets: the caller's, plus defaults."""
    env = dict(os.environ if base is None else base)
    for name, value in DEFAULTS.items():
        env.setdefault(name, value)
    public, _, _ = ports(env)
    env.setdefault("FRONTEND_CACHE_PURGE_URL", f"http://127.0.0.1:{public}")
    env.setdefault("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{public}")
    data_dir = Path(env.get("WARTA_DATA_DIR", ROOT / "var"))
    env["WARTA_DATA_DIR"] = str(data_dir)
    if not env.get("SECRET_KEY"):
        # One key per data directory, made on first start and kept (0600).
        key_file = data_dir / "secret_key"
        if not key_file.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        env["SECRET_KEY"] = key_file.read_text().strip()
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def render_vcl(env):
    _, pages_port, streams_port = ports(env)
    allowed = env.get("WARTA_PURGE_ALLOW", "127.0.0.1").split(",")
    acl = "\n".join(f'    "{address.strip()}";' for address in allowed if address.strip())
    values = {
        "PAGES_HOST": "127.0.0.1",
        "PAGES_PORT": str(pages_port),
        "STREAMS_HOST": "127.0.0.1",
        "STREAMS_PORT": str(streams_port),
        "PROBE_HOST": env.get("WARTA_PROBE_HOST", "127.0.0.1"),
        "PURGE_ACL": acl,
        "GRACE_HEALTHY": env.get("WARTA_GRACE_HEALTHY", "10s"),
        "GRACE_SICK": env.get("WARTA_GRACE_SICK", "24h"),
    }
    text = VCL_TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def workers(env):
    """gunicorn's sync workers: WEB_CONCURRENCY, else 2 per core plus one."""
    if env.get("WEB_CONCURRENCY"):
        return int(env["WEB_CONCURRENCY"])
    return 2 * (os.cpu_count() or 1) + 1


def ensure_database(env):
    """Create DATABASE_URL's PostgreSQL database if the server lacks it."""
    url = urlsplit(env["DATABASE_URL"])
    if url.scheme not in ("postgres", "postgresql"):
        return
    import psycopg

    name = url.path.lstrip("/")
    admin_url = urlunsplit(url._replace(path="/postgres"))
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                log(f"Creating PostgreSQL database {name}")
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        sys.exit(
            f"[prod] PostgreSQL at {url.hostname}:{url.port or 5432} is not reachable: {error}"
        )


def ensure_redis(env):
    url = urlsplit(env["REDIS_URL"])
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=3) as conn:
            conn.sendall(b"PING\r\n")
            if not conn.recv(16).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError as error:
        sys.exit(f"[prod] Redis at {url.hostname}:{url.port or 6379} is not answering: {error}")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env, demo):
    if not shutil.which("varnishd"):
        sys.exit("[prod] varnishd not found: apt-get install varnish (Debian's varnish 7).")
    ensure_database(env)
    ensure_redis(env)
    log("collectstatic")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    log("migrate")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    if demo:
        public, _, _ = ports(env)
        log("demo content")
        manage(env, "load_gazetteer")
        manage(env, "load_demo", "--port", str(public))
    preflight_run = subprocess.run(
        [PYTHON, __file__, "preflight"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if preflight_run.returncode:
        sys.exit(preflight_run.stderr.strip() or "[prod] preflight failed")
    return json.loads(preflight_run.stdout)


class Child:
    """One supervised process: restarted after a crash, left stopped after a clean exit."""

    def __init__(self, name, argv, env):
        self.name, self.argv, self.env = name, argv, env
        self.process = None
        self.crashes = []

    def start(self):
        self.process = subprocess.Popen(self.argv, cwd=ROOT, env=self.env)

    def check(self):
        """'running', 'stopped' (clean exit, left so) or 'crashed' (restarted, if not too often)."""
        if self.process is None or self.process.poll() is None:
            return "running"
        code = self.process.returncode
        if code == 0:
            log(f"{self.name} stopped (exit 0); left stopped")
            self.process = None
            return "stopped"
        now = time.monotonic()
        self.crashes = [moment for moment in self.crashes if now - moment < 60] + [now]
        if len(self.crashes) > 5:
            raise RuntimeError(f"{self.name} crashed {len(self.crashes)} times in a minute")
        log(f"{self.name} exited with {code}; restarting in 2 s")
        time.sleep(2)
        self.start()
        return "crashed"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def wait(self, timeout):
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log(f"{self.name} did not stop in {timeout} s; killing it")
            self.process.kill()
            self.process.wait()


def children(env, run_dir):
    public, pages_port, streams_port = ports(env)
    bind = env.get("WARTA_BIND", "127.0.0.1")
    vcl = run_dir / "warta.vcl"
    vcl.write_text(render_vcl(env))
    varnish = [
        "varnishd",
        "-F",
        "-a",
        f"{bind}:{public}",
        "-f",
        str(vcl),
        "-n",
        str(run_dir / "varnish"),
        "-s",
        f"malloc,{env.get('WARTA_VARNISH_MEMORY', '256m')}",
        "-T",
        "none",
    ]
    if os.geteuid() == 0:
        varnish[1:1] = ["-j", "none"]  # its jail wants Debian's varnish user and /var/lib/varnish
    return [
        Child(
            "gunicorn",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "warta.wsgi:application",
                "--bind",
                f"127.0.0.1:{pages_port}",
                "--workers",
                str(workers(env)),
                "--preload",
                # Its control socket would default to one path per user (~/.gunicorn).
                "--no-control-socket",
                "--timeout",
                "30",
                "--graceful-timeout",
                "10",
            ],
            env,
        ),
        Child(
            "uvicorn",
            [
                PYTHON,
                "-m",
                "uvicorn",
                "warta.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(streams_port),
                # One event loop holds thousands of streams; WEB_CONCURRENCY is gunicorn's.
                "--workers",
                "1",
                "--no-access-log",
                "--timeout-graceful-shutdown",
                "3",
            ],
            env,
        ),
        Child("worker", [PYTHON, "manage.py", "db_worker", "--queue-name", "*"], env),
        Child("scheduler", [PYTHON, __file__, "scheduler"], env),
        Child("varnish", varnish, env),
    ]


def answers(port, host="127.0.0.1"):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def serves(port):
    """Varnish answers 200 for a page: its probe has found gunicorn healthy."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/favicon.svg", headers={"Host": "127.0.0.1"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def run(args):
    # Until the processes start, TERM ends the step running (subprocess.run kills it).
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    env = stack_environment()
    sites = prepare(env, args.demo)
    run_dir = Path(env["WARTA_DATA_DIR"]) / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    received = []

    def shut_down(signum, _frame):
        received.append(signum)  # no lock taken in a handler (see run_demo)

    signal.signal(signal.SIGTERM, shut_down)
    signal.signal(signal.SIGINT, shut_down)
    stack = children(env, run_dir)
    for child in stack:
        child.start()
    public, pages_port, streams_port = ports(env)
    (run_dir / "processes.json").write_text(
        json.dumps({child.name: child.process.pid for child in stack})
    )
    deadline = time.monotonic() + 180
    ready = False
    code = 0
    try:
        while not received:
            states = [child.check() for child in stack]
            if all(state == "stopped" for state in states):
                break
            if "crashed" in states:
                (run_dir / "processes.json").write_text(
                    json.dumps({c.name: c.process.pid for c in stack if c.process})
                )
            if not ready and answers(streams_port) and serves(public):
                ready = True
                welcome(env, sites)
            elif not ready and time.monotonic() > deadline:
                raise RuntimeError("the stack did not come up within 180 s")
            time.sleep(0.2)
    except RuntimeError as error:
        log(f"{error}; stopping everything")
        code = 1
    for child in reversed(stack):
        child.stop()
    for child in reversed(stack):
        child.wait(timeout=15)
    log("stopped")
    return code


def welcome(env, sites):
    public, pages_port, streams_port = ports(env)
    bind = env.get("WARTA_BIND", "127.0.0.1")
    lines = [
        "",
        f"Warta (production) is running behind Varnish on http://{bind}:{public}/"
        " — Ctrl-C stops it.",
    ]
    for site in sites:
        lines.append(f"  {site['name']:<12} http://{site['hostname']}:{public}/")
    lines += [
        f"  {'Admin':<12} http://127.0.0.1:{public}/admin/",
        f"  pages: gunicorn ({workers(env)} workers) on 127.0.0.1:{pages_port}; "
        f"live streams: uvicorn on 127.0.0.1:{streams_port}",
        f"  purge: {env['FRONTEND_CACHE_PURGE_URL']}; worker and scheduler running",
        "",
    ]
    print("\n".join(lines), flush=True)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    import django

    django.setup()


def preflight(_args):
    try:
        setup_django()
        from django.core.exceptions import ImproperlyConfigured

        from warta.core.static_check import ensure_static_collected

        ensure_static_collected()
    except ImproperlyConfigured as error:
        sys.exit(f"[prod] {error}")
    from wagtail.models import Site

    sites = [
        {"name": site.site_name or site.hostname, "hostname": site.hostname}
        for site in Site.objects.order_by("-is_default_site", "site_name")
    ]
    print(json.dumps(sites))
    return 0


def scheduler(args):
    """The scheduled jobs, every `interval` seconds, until TERM or INT."""
    setup_django()
    from django.core.management import call_command
    from django.db import close_old_connections

    received = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: received.append(signum))
    signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    next_run = time.monotonic()
    while not received:
        if time.monotonic() >= next_run:
            next_run += args.interval
            for command in ("publish_scheduled", "transcode_pending", "poll_feeds"):
                close_old_connections()
                try:
                    call_command(command, verbosity=0)
                except Exception as error:
                    log(f"scheduler: {command} failed: {error!r}")
        time.sleep(0.5)
    return 0


def print_vcl(_args):
    sys.stdout.write(render_vcl(stack_environment()))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="prepare and run the whole stack")
    run_parser.add_argument("--demo", action="store_true", help="load the demo content first")
    run_parser.set_defaults(handler=run)
    commands.add_parser("vcl", help="print the rendered VCL").set_defaults(handler=print_vcl)
    schedule_parser = commands.add_parser("scheduler", help="run the scheduled jobs")
    schedule_parser.add_argument("--interval", type=int, default=60)
    schedule_parser.set_defaults(handler=scheduler)
    commands.add_parser("preflight", help="settings and static files").set_defaults(
        handler=preflight
    )
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
