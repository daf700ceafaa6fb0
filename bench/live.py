"""Live updates under load (issue 3): N Server-Sent Events readers, updates at a steady rate.

    .venv/bin/python bench/live.py --readers 100 1000 [--server uvicorn] [--broadcaster redis]

A real server process (the ASGI server named by --server) serves a throwaway SQLite
database with one live coverage. N readers on 127.0.0.1 hold the event stream open;
an editor posts updates through the admin form at --rate per second. For each update
and reader the latency is measured from the moment the server wrote the update's event
(its `at` time, same clock) to the moment the reader parsed it. Reported: p50/p95/p99,
delivered/expected, and the server's CPU (share of one core over the posting window)
and memory (resident, and its peak). The readers run in this process, on the same two
cores, so the figures include their cost.

Bounded: at most --max-seconds per run; connections are closed at the end; the
open-files limit is raised to its hard limit for 1,000 sockets.
"""

import argparse
import asyncio
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "balicitizen.localhost"
PASSWORD = "bench-live-password"
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Live updates (issue 3)"
VENV_BIN = Path(sys.executable).parent


def server_command(server, port):
    base = ["--host", "127.0.0.1", "--port", str(port)]
    uvicorn = [sys.executable, "-m", "uvicorn", "warta.asgi:application", *base]
    uvicorn += ["--no-access-log", "--log-level", "warning"]
    if server == "uvicorn":
        return [*uvicorn, "--loop", "asyncio", "--http", "h11"]
    if server == "uvicorn-uvloop":
        return [*uvicorn, "--loop", "uvloop", "--http", "httptools"]
    if server == "granian":
        granian = [str(VENV_BIN / "granian"), "--interface", "asgi", *base, "--workers", "1"]
        return [*granian, "--no-ws", "--log-level", "warning", "warta.asgi:application"]
    if server == "hypercorn":
        return [
            str(VENV_BIN / "hypercorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "warta.asgi:application",
        ]
    raise SystemExit(f"unknown server {server}")


def free_port(ports=range(8150, 8200)):
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port in 8150-8199")


def prepare_database(env):
    """Migrate a throwaway database and create a site, a topic with a coverage, an editor."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from warta.articles.factories import make_site
    from warta.live.factories import make_coverage, make_topic
    from warta.people.factories import make_user
    from warta.people.roles import EDITOR

    site = make_site()
    topic = make_topic(site)
    coverage = make_coverage(topic)
    editor = make_user("bench-editor", EDITOR)
    editor.set_password(PASSWORD)
    editor.save()
    return topic.pk, coverage.pk


# --- processes: CPU and memory from /proc (the server may fork workers) ---------------


def process_tree(pid):
    tree, parents = [pid], {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
            except OSError:
                continue
    for parent in tree:
        tree.extend(parents.get(parent, []))
    return tree


def cpu_seconds(pids):
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / ticks


def memory_mib(pids, field):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


# --- the editor: posts through the admin form, like a person on a phone ----------------


class Editor:
    def __init__(self, base):
        self.base = base
        self.jar = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.jar))

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def log_in(self):
        self.opener.open(f"{self.base}/admin/login/").read()
        data = {
            "username": "bench-editor",
            "password": PASSWORD,
            "csrfmiddlewaretoken": self.csrf(),
        }
        self.opener.open(Request(f"{self.base}/admin/login/", urlencode(data).encode())).read()

    def post(self, page_id, n):
        text = json.dumps(
            {
                "blocks": [
                    {
                        "key": "b",
                        "type": "unstyled",
                        "depth": 0,
                        "text": f"Pembaruan nomor {n}.",
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        )
        data = {
            "csrfmiddlewaretoken": self.csrf(),
            "action": "post",
            "headline": f"Pembaruan {n}",
            "body-count": "1",
            "body-0-type": "text",
            "body-0-value": text,
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
        }
        response = self.opener.open(
            Request(f"{self.base}/admin/live/{page_id}/", urlencode(data).encode())
        )
        response.read()
        if "/admin/live/" not in response.url:
            raise RuntimeError(f"posting failed: {response.url}")


# --- the readers ------------------------------------------------------------------------


class Reader:
    def __init__(self):
        self.latencies = []
        self.ids = set()
        self.connected = asyncio.Event()
        self.error = None

    async def run(self, port, path, stop):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError as error:
            self.error = error
            self.connected.set()
            return
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head.split(b"\r\n", 1)[0].decode())
            chunked = b"chunked" in head.lower()
            self.connected.set()
            buffer = b""
            while not stop.is_set():
                if chunked:
                    size = int((await reader.readline()).strip() or b"0", 16)
                    if size == 0:
                        break
                    data = await reader.readexactly(size + 2)
                    buffer += data[:-2]
                else:
                    data = await reader.read(65536)
                    if not data:
                        break
                    buffer += data
                while b"\n\n" in buffer:
                    frame, buffer = buffer.split(b"\n\n", 1)
                    for line in frame.split(b"\n"):
                        if line.startswith(b"data: "):
                            received = time.time()
                            message = json.loads(line[6:])
                            if message.get("kind") == "created":
                                self.ids.add(message["id"])
                                self.latencies.append(received - message["at"])
        except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as error:
            self.error = error
            self.connected.set()
        finally:
            writer.close()


async def read_all(port, path, readers, stop):
    connecting = asyncio.Semaphore(200)

    async def one(reader):
        async with connecting:
            task = asyncio.create_task(reader.run(port, path, stop))
            await reader.connected.wait()
        await task

    return await asyncio.gather(*(one(r) for r in readers))


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def run_once(args, n_readers, env):
    port = free_port()
    server = subprocess.Popen(
        server_command(args.server, port),
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(
                        f"{args.server} did not start: {server.stderr.read()}"
                    ) from None
                time.sleep(0.2)
        editor = Editor(base)
        editor.log_in()
        from warta.live.models import LiveCoverage

        cursor = LiveCoverage.objects.get(pk=args.coverage_id).latest_event_id()
        path = f"/live/{args.coverage_id}/events?after={cursor}"
        readers = [Reader() for _ in range(n_readers)]
        result = {}

        def post_updates(loop, stop):
            pids = process_tree(server.pid)
            cpu_before, started = cpu_seconds(pids), time.monotonic()
            for n in range(args.updates):
                target = started + n / args.rate
                time.sleep(max(0, target - time.monotonic()))
                editor.post(args.page_id, n)
            # Give the last update time to arrive, then stop the readers.
            finish = time.monotonic() + args.grace
            while time.monotonic() < finish:
                if all(len(r.ids) >= args.updates for r in readers):
                    break
                time.sleep(0.05)
            pids = process_tree(server.pid)
            result["cpu"] = (cpu_seconds(pids) - cpu_before) / (time.monotonic() - started)
            result["rss"] = memory_mib(pids, "VmRSS")
            result["hwm"] = memory_mib(pids, "VmHWM")
            loop.call_soon_threadsafe(stop.set)

        async def main():
            stop = asyncio.Event()
            reading = asyncio.create_task(read_all(port, path, readers, stop))
            connect_started = time.monotonic()
            while sum(r.connected.is_set() for r in readers) < n_readers:
                await asyncio.sleep(0.05)
                if time.monotonic() - connect_started > 60:
                    break
            result["connect"] = time.monotonic() - connect_started
            await asyncio.sleep(1)
            poster = threading.Thread(target=post_updates, args=(asyncio.get_running_loop(), stop))
            poster.start()
            try:
                await asyncio.wait_for(stop.wait(), args.max_seconds)
            finally:
                stop.set()
                reading.cancel()
                await asyncio.gather(reading, return_exceptions=True)
                await asyncio.to_thread(poster.join, 30)

        asyncio.run(main())
        latencies = [lat for r in readers for lat in r.latencies]
        errors = [r.error for r in readers if r.error]
        return {
            "readers": n_readers,
            "connect_s": result.get("connect", float("nan")),
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99),
            "delivered": sum(len(r.ids) for r in readers),
            "expected": n_readers * args.updates,
            "cpu": result.get("cpu", float("nan")),
            "rss": result.get("rss", float("nan")),
            "hwm": result.get("hwm", float("nan")),
            "errors": len(errors),
            "first_error": repr(errors[0]) if errors else "",
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def median_row(rows):
    row = dict(rows[0])
    for key in ("connect_s", "p50", "p95", "p99", "cpu", "rss", "hwm"):
        row[key] = statistics.median(r[key] for r in rows)
    row["delivered"] = min(r["delivered"] for r in rows)
    row["errors"] = max(r["errors"] for r in rows)
    return row


def table(rows, args):
    lines = [
        "| server | broadcaster | readers | p50 ms | p95 ms | p99 ms | delivered / expected "
        "| server CPU (of one core) | server RSS / peak MiB | connect s |",
        "|---|---|---:|---:|---:|---:|---|---:|---|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {args.server} | {args.broadcaster} | {row['readers']} | {row['p50'] * 1000:.0f} "
            f"| {row['p95'] * 1000:.0f} | {row['p99'] * 1000:.0f} "
            f"| {row['delivered']} / {row['expected']} (worst run) | {row['cpu'] * 100:.0f} % "
            f"| {row['rss']:.0f} / {row['hwm']:.0f} | {row['connect_s']:.1f} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[100, 1000])
    parser.add_argument(
        "--server", default="uvicorn", choices=["uvicorn", "uvicorn-uvloop", "granian", "hypercorn"]
    )
    parser.add_argument("--broadcaster", default="inprocess", choices=["inprocess", "redis"])
    parser.add_argument(
        "--redis-url", default=os.environ.get("WARTA_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
    )
    parser.add_argument("--updates", type=int, default=30)
    parser.add_argument("--rate", type=float, default=2.0, help="updates per second")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--grace", type=float, default=5.0)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--json", action="store_true", help="print each run as JSON")
    args = parser.parse_args()

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < max(args.readers) * 2 + 100:
        raise SystemExit(f"open-files hard limit {hard} is too low for {max(args.readers)}")

    workdir = tempfile.mkdtemp(prefix="warta-bench-live-")
    env = {
        "WARTA_DATA_DIR": workdir,
        "WARTA_LIVE_KEEPALIVE_SECONDS": "15",
        "DJANGO_SETTINGS_MODULE": "warta.settings",
        "LOG_LEVEL": "WARNING",
    }
    if args.broadcaster == "redis":
        env.update(REDIS_URL=args.redis_url, WARTA_LIVE_CHANNEL_PREFIX=f"bench-{os.getpid()}")
    else:
        os.environ.pop("REDIS_URL", None)
    args.page_id, args.coverage_id = prepare_database(env)

    load = os.getloadavg()
    print(
        f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{args.updates} updates at {args.rate}/s, {args.runs} runs per N",
        flush=True,
    )
    rows = []
    for n in args.readers:
        runs = []
        for _ in range(args.runs):
            run = run_once(args, n, env)
            if args.json:
                print(json.dumps(run), flush=True)
            runs.append(run)
        rows.append(median_row(runs))
    print(table(rows, args))


if __name__ == "__main__":
    main()
