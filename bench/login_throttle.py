"""Benchmark the login throttle (issue 17): wrong passwords at 30 tries/s from one address.

    .venv/bin/python bench/login_throttle.py [--port 8140] [--rate 30] [--seconds 40]

Migrates a throwaway SQLite database, makes one editor with the real password hasher
(Django's PBKDF2), and starts uvicorn (one worker, as `make demo`) on 127.0.0.1:PORT
three times:

1. baseline: GET /admin/login/ at RATE requests/s;
2. throttled (the shipped settings, 5 failures lock the account+address pair): POST
   a wrong password for the editor at RATE tries/s, all from 127.0.0.1;
3. with --unthrottled only (WARTA_LOGIN_FAILURE_LIMIT=1000000): the same POSTs, for
   comparison. Every one hashes a password (PBKDF2), which saturates a small machine:
   do not run it on a shared one.

Requests are sent open-loop (one every 1/RATE s, whatever the server's pace) from a
thread pool; the response time is from sending to the last byte. Prints
median/p95/max per phase, the ratio to the baseline's, and the load average.
"""

import argparse
import http.client
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USERNAME = "redaktur"
PASSWORD = "kata-sandi-bench-yang-panjang"


def prepare(data_dir):
    env = {**os.environ, "WARTA_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "warta.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from warta.people.factories import make_user;"
        f"u = make_user({USERNAME!r}, 'Editor'); u.set_password({PASSWORD!r}); u.save()"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=ROOT)
    return env


def start(env, port, **extra):
    command = [sys.executable, "-m", "uvicorn", "warta.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    command += ["--log-level", "warning"]
    server = subprocess.Popen(
        command, cwd=ROOT, env={**env, **extra}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("server did not start: " + server.stderr.read().decode()[-2000:])


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def csrf(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    body = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection.close()
    return cookie, token


def one(port, method, body, headers):
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(method, "/admin/login/", body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return time.perf_counter() - started, response.status, content


def run(port, rate, seconds, method, closed=False):
    """Open loop: RATE requests/s for SECONDS; closed: SECONDS requests one after another."""
    headers, body = {}, None
    if method == "POST":
        cookie, token = csrf(port)
        body = urlencode(
            {"csrfmiddlewaretoken": token, "username": USERNAME, "password": "salah", "next": ""}
        )
        headers = {
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
    if closed:
        return [one(port, method, body, headers) for _index in range(int(seconds))]
    count = int(rate * seconds)
    results = [None] * count  # in sending order

    def task(index):
        results[index] = one(port, method, body, headers)

    with ThreadPoolExecutor(max_workers=64) as pool:
        begin = time.perf_counter()
        for index in range(count):
            delay = begin + index / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(task, index)
    return results


def percentiles(times):
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], times[-1]


def summary(name, results, baseline=None):
    """One table row; `results` are in sending order: the last quarter is the steady state,
    after the backlog the first (hashed) wrong passwords left has drained."""
    times = [t * 1000 for t, _status, _content in results]
    median, p95, peak = percentiles(times)
    late_median, late_p95, _late_max = percentiles(times[len(times) * 3 // 4 :])
    locked = sum(b"Terlalu banyak percobaan" in content for _t, _s, content in results)
    statuses = sorted({status for _t, status, _c in results})
    ratio = f"{late_median / baseline:.1f}×" if baseline else "1.0×"
    print(
        f"| {name} | {len(times)} | {median:.1f} ms | {p95:.1f} ms | {peak:.0f} ms | "
        f"{late_median:.1f} ms | {late_p95:.1f} ms | {ratio} | {locked} | {statuses} |"
    )
    return late_median


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--rate", type=float, default=30)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--unthrottled", action="store_true", help="add phase 3")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="bench-login-")
    env = prepare(data_dir)
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}")
    print(f"{os.cpu_count()} cores, load average before: {os.getloadavg()}")
    print(f"{args.rate:g} requests/s for {args.seconds:g} s per phase, one address (127.0.0.1)")
    print(
        "| phase | requests | median | p95 | max | last quarter median | last quarter p95 "
        "| last quarter median vs baseline | locked answers | status |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    server = start(env, args.port)
    try:
        one(args.port, "GET", None, {})  # warm up
        baseline = summary(
            "GET login page (baseline)", run(args.port, args.rate, args.seconds, "GET")
        )
        summary(
            "wrong password, throttled (lock after 5)",
            run(args.port, args.rate, args.seconds, "POST"),
            baseline,
        )
        # One at a time (closed loop): what one answer costs, without any queue.
        gets = run(args.port, 0, 40, "GET", closed=True)
        single = summary("GET login page, one at a time", gets)
        summary(
            "wrong password on the locked pair, one at a time",
            run(args.port, 0, 40, "POST", closed=True),
            single,
        )
    finally:
        stop(server)
    if args.unthrottled:
        unthrottled(env, args, baseline)
    print(f"load average after: {os.getloadavg()}")


def unthrottled(env, args, baseline):
    server = start(env, args.port, WARTA_LOGIN_FAILURE_LIMIT="1000000")
    try:
        one(args.port, "GET", None, {})
        summary(
            "wrong password, unthrottled (limit 10⁶)",
            run(args.port, args.rate, args.seconds, "POST"),
            baseline,
        )
    finally:
        stop(server)


if __name__ == "__main__":
    main()
