"""Benchmark the serving paths: gunicorn's sync WSGI worker against uvicorn's ASGI worker.

Run it with `.venv/bin/python bench/serving.py`; add `--write` to record the figures in
docs/benchmarks.md. Needs `wrk` (Debian package `wrk`) on the PATH.

It builds a throwaway data dir (migrate + load_demo + collectstatic with the production
settings: WARTA_ENV=production, manifest static files, DEBUG off), starts every server
configuration at once on 127.0.0.1 (each on its own port), and then runs wrk against the
seed article and the site's 404 page, configuration after configuration, path after path,
round after round: a slow patch of the machine hits every configuration alike. Reported
are the medians over the rounds of wrk's requests per second and mean latency, and each
article figure's ratio to the 404 page on the same server in the same run.

The database is SQLite with the local-memory cache unless `--env-database` is given: then
DATABASE_URL and REDIS_URL are taken from the environment, and that database must be
empty (it is migrated and the demo is loaded into it).
"""

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "balicitizen.localhost"
ARTICLE = "/internasional/putin-menanggapi-memuaskan-pembicaraan-dengan-biden/"
BASELINE = "/halaman-yang-tidak-ada/"
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Serving paths: WSGI and ASGI servers (issue 14)"


def configurations(workers):
    """(label, argv builder) for every server measured; the builder takes the port."""
    found = []
    for count in workers:
        found.append(
            (
                f"gunicorn sync WSGI, {count} worker{'s' if count > 1 else ''}",
                lambda port, n=count: [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "warta.wsgi:application",
                    "--workers",
                    str(n),
                    "--worker-class",
                    "sync",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "warning",
                    "--graceful-timeout",
                    "5",
                ],
            )
        )
        found.append(
            (
                f"uvicorn ASGI, {count} worker{'s' if count > 1 else ''}",
                lambda port, n=count: [
                    PYTHON,
                    "-m",
                    "uvicorn",
                    "warta.asgi:application",
                    "--workers",
                    str(n),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ],
            )
        )
    return found


def environment(data_dir, env_database):
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL") if not env_database else ():
        env.pop(name, None)
    for name in ("S3_BUCKET", "SERVE_MEDIA", "STATIC_MANIFEST", "DEBUG"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "warta.settings",
            "WARTA_DATA_DIR": data_dir,
            "WARTA_ENV": "production",
            "SECRET_KEY": "bench-serving-not-a-secret",
            "ALLOWED_HOSTS": ".localhost,127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def get(port, path):
    """Status of GET `path`, sent as the cache in front sends it (TLS ended before us)."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
    )
    try:
        with urllib.request.urlopen(req, timeout=120) as response:  # a cold worker, under load
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_listening(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not listen within {timeout} s")


def wrk(port, path, args):
    """(requests/s, mean latency ms, non-2xx/3xx count) of one wrk run."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "-H",
            f"Host: {HOST}",
            "-H",
            "X-Forwarded-Proto: https",
            "-H",
            "Accept-Encoding: gzip",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[latency.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return rate, float(latency.group(1)) * scale, int(bad.group(1)) if bad else 0, errors


def worker_cpu(master):
    """{pid: CPU ticks} of the server's worker processes (the master's children)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid
            found[int(stat.parent.name)] = int(fields[11]) + int(fields[12])  # utime + stime
    return found


def busiest_share(before, after):
    """The busiest worker's share of the CPU time the workers used between two readings."""
    used = [after[pid] - before.get(pid, 0) for pid in after]
    total = sum(used)
    return max(used) / total if total and len(used) > 1 else None


def machine():
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{len(os.sched_getaffinity(0))} CPUs (nproc), {model}, Python "
        f"{platform.python_version()}; load average {load} at the start"
    )


def report(args, host, results, shares, database, load_end):
    import importlib.metadata as md

    versions = ", ".join(f"{name} {md.version(name)}" for name in ("gunicorn", "uvicorn", "django"))
    lines = [
        f"- Date: {datetime.now(UTC).strftime('%a %b %d %H:%M:%S UTC %Y')}",
        f"- Machine: {host}; {load_end} at the end",
        f"- Software: {versions}; {database}; WARTA_ENV=production (manifest static "
        "files, DEBUG off); responses gzip-compressed by the app",
        f"- Command: `.venv/bin/python bench/serving.py{' --write' if args.write else ''}` "
        f"(wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.rounds} "
        "interleaved rounds, medians; the article and the 404 page on the same server)",
        "",
        "| Server | Article req/s | 404 req/s | Article ÷ 404 (server time) | Article mean "
        "latency | Busiest worker's CPU share | Article req/s per round |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, (article, baseline) in results.items():
        rate = statistics.median(r for r, _, _ in article)
        base = statistics.median(r for r, _, _ in baseline)
        latency = statistics.median(lat for _, lat, _ in article)
        rounds = ", ".join(f"{r:.0f}" for r, _, _ in article)
        known = [share for share in shares[label] if share is not None]
        share = f"{statistics.median(known):.0%}" if known else "(one worker)"
        lines.append(
            f"| {label} | {rate:.1f} | {base:.1f} | {base / rate:.2f}× | {latency:.1f} ms "
            f"| {share} | {rounds} |"
        )
    lines += [
        "",
        "Article ÷ 404 is the 404 page's rate over the article's: how many times the "
        "article's server time is the 404 page's, the HTTP server and middleware included. "
        "The busiest worker's CPU share (median over the article rounds, from /proc) is 50% "
        "when two workers share the connections evenly and 100% when one does all the work.",
    ]
    return "\n".join(lines) + "\n"


def write_doc(body):
    text = DOC.read_text()
    section = f"{SECTION}\n\n{body}"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="(1 2)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8240)))
    parser.add_argument(
        "--env-database", action="store_true", help="use DATABASE_URL/REDIS_URL (empty db)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    host = machine()
    database = (
        "PostgreSQL + Redis"
        if args.env_database and os.environ.get("DATABASE_URL")
        else "SQLite, local-memory cache"
    )
    servers = []
    with tempfile.TemporaryDirectory(prefix="warta-serving-") as data_dir:
        env = environment(data_dir, args.env_database)
        print(f"Loading the demo into {data_dir} ...", file=sys.stderr)
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        try:
            for offset, (label, argv) in enumerate(configurations(args.workers)):
                port = args.port + offset
                log = open(Path(data_dir) / f"server-{port}.log", "wb")  # noqa: SIM115
                process = subprocess.Popen(
                    argv(port), cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=log
                )
                servers.append((label, port, process))
            for label, port, process in servers:
                wait_listening(port, process)
                for path, expected in ((ARTICLE, 200), (BASELINE, 404)):
                    got = get(port, path)
                    if got != expected:
                        raise SystemExit(f"{label}: GET {path} answered {got}, not {expected}")
                    for _ in range(20):  # warm every worker's templates and caches
                        get(port, path)
            results = {label: ([], []) for label, _, _ in servers}
            shares = {label: [] for label, _, _ in servers}
            for number in range(1, args.rounds + 1):
                for label, port, process in servers:
                    for index, path in enumerate((ARTICLE, BASELINE)):
                        before = worker_cpu(process.pid)
                        rate, latency, bad, errors = wrk(port, path, args)
                        if path == ARTICLE:
                            shares[label].append(busiest_share(before, worker_cpu(process.pid)))
                        if path == ARTICLE and bad:
                            raise SystemExit(f"{label}: {bad} non-2xx answers to the article")
                        results[label][index].append((rate, latency, bad))
                        print(
                            f"round {number} {label} {path}: {rate:.1f} req/s, "
                            f"{latency:.1f} ms{' ' + errors.group(0) if errors else ''}",
                            file=sys.stderr,
                        )
        finally:
            for _, _, process in servers:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            for _, _, process in servers:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
    load_end = "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    body = report(args, host, results, shares, database, load_end)
    print(f"\n{SECTION}\n\n{body}")
    if args.write:
        write_doc(body)
        print(f"Updated {DOC.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
