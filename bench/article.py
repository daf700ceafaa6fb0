"""Benchmark the seed article page: server time, SQL queries and page weight (issue 2).

Run it with `.venv/bin/python bench/article.py`; add `--write` to record the figures in
docs/benchmarks.md. It builds its own throwaway database (migrate + load_demo +
collectstatic in a temporary WARTA_DATA_DIR), so the developer's var/ is never touched.

Server time is measured in-process through Django's WSGI handler: the whole middleware
stack, database connection, Wagtail routing and template rendering, but no network and no
HTTP server. It is compared, in the same process and interleaved round by round, with the
site's 404 page (same middleware, site lookup and base template, no article), so the ratio
says what the article itself costs and survives a change of machine better than the
milliseconds do.
"""

import argparse
import gc
import gzip
import io
import logging
import os
import platform
import re
import statistics
import sys
import tempfile
import time
import wsgiref.util
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

try:  # Optional: reported when installed, never installed for the benchmark.
    import brotli
except ImportError:
    brotli = None

ROOT = Path(__file__).resolve().parent.parent
HOST = "balicitizen.localhost"  # the default demo site
ARTICLE = "/internasional/putin-menanggapi-memuaskan-pembicaraan-dengan-biden/"
BASELINE = "/halaman-yang-tidak-ada/"  # the site's 404 page: the chrome without an article
FLOOR = "/static/core/warta.css"  # WhiteNoise answers before the rest of the stack
BUDGET = 30_000  # bytes, compressed: HTML + CSS + JS of one article
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Article page (issue 2)"

DOC_HEADER = """\
# Benchmarks

Times are medians (of several timed rounds in one run) on the machine named in each
section, with its load average when the run started: compare times taken on the same,
quiet machine; across machines the ratio to the 404 page travels better than the
milliseconds. Byte and query counts do not depend on the machine.

To rerun and update this file: `make bench`, which runs
`.venv/bin/python bench/article.py --write`. Without `--write` the script only prints
its tables. Each run builds a throwaway database with `manage.py load_demo`; the
developer's `var/` is never used.
"""


def setup_django(data_dir):
    """Point the settings at a throwaway data dir, then start Django and load the demo."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "warta.settings"
    os.environ["WARTA_DATA_DIR"] = data_dir
    # Always measure the embedded default (SQLite, local-memory cache, local media) with
    # DEBUG off, whatever the shell exports: a DATABASE_URL here would point the
    # migrations and the demo loader at a real database.
    os.environ["WARTA_ENV"] = "development"
    os.environ["DEBUG"] = "0"
    for name in ("DATABASE_URL", "REDIS_URL", "S3_BUCKET", "STATIC_MANIFEST", "SERVE_MEDIA"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))

    import django
    from django.core.management import call_command

    django.setup()
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("migrate", interactive=False, verbosity=0, **quiet)
    call_command("load_demo", **quiet)
    call_command("collectstatic", interactive=False, verbosity=0, **quiet)
    # Each 404 would log "Not Found" to the console: noise, and time that isn't the page's.
    logging.getLogger("django.request").setLevel(logging.ERROR)


def request(handler, path, **headers):
    """GET `path` through the WSGI handler, as a WSGI server would: (status, headers, body).

    The full handler rather than django.test.Client: it sends request_started/finished,
    so the per-request database connection (CONN_MAX_AGE=0 on SQLite) is opened and
    closed as in production, which the test client skips.
    """
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": HOST,
        **headers,
    }
    wsgiref.util.setup_testing_defaults(environ)
    started = []
    response = handler(environ, lambda status, headers: started.append((status, headers)))
    try:
        body = b"".join(response)
    finally:
        response.close()  # fires request_finished, like a server does
    status, headers = started[0]
    return int(status.split()[0]), dict(headers), body


def fetch(handler, path, status=200):
    """The body of GET `path`, stopping the benchmark if the status is not the expected one."""
    got, _, body = request(handler, path)
    if got != status:
        raise SystemExit(f"GET {path}: expected {status}, got {got}")
    return body


def time_paths(handler, paths, rounds, per_round, warmup):
    """Median and spread, in ms per request, of `rounds` rounds of `per_round` GETs.

    The paths take turns within each round, so a slow patch of the machine hits all of
    them alike. A round's mean (not single requests) is the sample: timer resolution
    and one-off pauses average out, and the median of rounds drops the outliers.
    """
    for path, status in paths:
        for _ in range(warmup):  # templates, URL resolvers, Wagtail's site cache...
            fetch(handler, path, status)
    samples = {path: [] for path, _ in paths}
    for _ in range(rounds):
        for path, status in paths:
            gc.collect()  # start each round with the same heap, not a pending collection
            start = time.perf_counter()
            for _ in range(per_round):
                fetch(handler, path, status)
            samples[path].append((time.perf_counter() - start) * 1000 / per_round)
    return {path: (statistics.median(s), min(s), max(s)) for path, s in samples.items()}


def count_queries(handler, path, status=200, show=False):
    """SQL queries for one (warm) request; counted apart, as capturing slows the timing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(handler, path, status)  # warm: fills any cache entry that expired while timing
    with CaptureQueriesContext(connection) as queries:
        fetch(handler, path, status)
    if show:
        print(f"\nQueries for {path}:")
        for number, query in enumerate(queries.captured_queries, 1):
            # The column lists make each line unreadable; the tables and filters matter.
            print(f"{number:3}. {re.sub(r'^SELECT .*? FROM', 'SELECT … FROM', query['sql'])}")
    return len(queries)


class Resources(HTMLParser):
    """Every URL the browser fetches while loading the page (not links it may follow)."""

    # rel values that make the browser fetch or connect; "canonical", "author" and
    # <a href> are navigation or metadata, not requests.
    FETCHING_RELS = {
        "stylesheet",
        "preload",
        "modulepreload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "icon",
        "apple-touch-icon",
        "manifest",
    }
    SRC_TAGS = {"script", "img", "iframe", "source", "video", "audio", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.found = []  # (kind, url)
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels & self.FETCHING_RELS and attrs.get("href"):
                kind = "css" if "stylesheet" in rels else "link " + " ".join(sorted(rels))
                self.found.append((kind, attrs["href"]))
        elif tag in self.SRC_TAGS:
            if attrs.get("src"):
                self.found.append(("js" if tag == "script" else tag, attrs["src"]))
            for candidate in attrs.get("srcset", "").split(","):
                if candidate.strip():
                    self.found.append((tag, candidate.split()[0]))
            if attrs.get("poster"):
                self.found.append((tag, attrs["poster"]))
        elif tag == "object" and attrs.get("data"):
            self.found.append(("object", attrs["data"]))
        self.in_style = tag == "style"
        if attrs.get("style"):
            self.found += [("css url", url) for url in css_urls(attrs["style"])]

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.found += [("css url", url) for url in css_urls(data)]


def css_urls(css):
    """url(...) and @import targets in CSS: fonts and images a stylesheet pulls in."""
    pattern = r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)"""
    return [a or b for a, b in re.findall(pattern, css)]


def is_same_origin(url):
    """Relative URLs, data: URIs and absolute URLs on the page's own host are first-party."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    return not parts.netloc or parts.hostname == HOST


def page_weight(handler):
    """The article's HTML and the resources it loads: sizes, and any third-party URLs."""
    html = fetch(handler, ARTICLE)
    parser = Resources()
    parser.feed(html.decode())
    files = [("html", ARTICLE, html)]
    third_party, others = [], []
    for kind, url in parser.found:
        if not is_same_origin(url):
            third_party.append((kind, url))
        elif url.startswith("data:"):
            continue
        elif kind in ("css", "js"):
            body = fetch(handler, urlsplit(url).path)
            files.append((kind, url, body))
            if kind == "css":  # fonts and images the stylesheet itself asks for
                for ref in css_urls(body.decode()):
                    (others if is_same_origin(ref) else third_party).append(("css url", ref))
        else:
            others.append((kind, url))  # images and such: listed, not in the budget
    return files, third_party, others


def served_encoding(handler, url):
    """How the app itself sends `url` to a browser that accepts gzip and brotli."""
    _, headers, _ = request(handler, urlsplit(url).path, HTTP_ACCEPT_ENCODING="gzip, br")
    return headers.get("Content-Encoding", "uncompressed")


def compressed(data):
    sizes = {"gzip": len(gzip.compress(data, compresslevel=9, mtime=0))}
    if brotli is not None:
        sizes["brotli"] = len(brotli.compress(data, quality=11))
    return sizes


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())  # other work skews the times
    return (
        f"{cpus} CPUs (nproc), {model}, Python {platform.python_version()}; "
        f"load average {load} at the start"
    )


def report(args, host, timings, queries, files, encodings, third_party, others):
    """The figures as markdown: a timing table, a weight table and the checks."""
    import django
    import wagtail

    article, baseline, floor = (timings[p] for p in (ARTICLE, BASELINE, FLOOR))
    runs = f"median of {args.rounds} rounds × {args.requests} requests"
    lines = [
        f"- Date: {datetime.now(UTC).strftime('%a %b %d %H:%M:%S UTC %Y')}",
        f"- Machine: {host}",
        f"- Software: Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        "SQLite, local-memory cache, DEBUG off",
        f"- Command: `.venv/bin/python bench/article.py{' --write' if args.write else ''}`",
        "",
        f"Server time, in-process through Django's WSGI handler, uncached ({runs}; "
        "range = slowest and fastest round):",
        "",
        "| Request | ms / request | Range | SQL queries | vs 404 page |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, path, (median, low, high) in (
        ("Seed article (uncached)", ARTICLE, article),
        ("404 page (baseline)", BASELINE, baseline),
        ("Static CSS via WhiteNoise (floor)", FLOOR, floor),
    ):
        lines.append(
            f"| {label} | {median:.2f} | {low:.2f}–{high:.2f} | {queries[path]} "
            f"| {median / baseline[0]:.2f}× |"
        )

    columns = ["gzip -9"] + (["brotli 11"] if brotli else [])
    lines += [
        "",
        f"Page weight of the seed article (budget: {BUDGET:,} bytes compressed for "
        "HTML + CSS + JS; each file compressed on its own, as a compressing server sends it):",
        "",
        "| File | Raw bytes | " + " | ".join(columns) + " | Sent by the app as |",
        "|---|---:|" + "---:|" * len(columns) + "---|",
    ]
    totals = {"raw": 0}
    for kind, url, body in files:
        sizes = compressed(body)
        totals["raw"] += len(body)
        for name, size in sizes.items():
            totals[name] = totals.get(name, 0) + size
        cells = " | ".join(f"{size:,}" for size in sizes.values())
        encoding = encodings[url]
        lines.append(f"| {kind.upper()} `{url}` | {len(body):,} | {cells} | {encoding} |")
    cells = " | ".join(f"**{size:,}**" for name, size in totals.items() if name != "raw")
    lines.append(f"| **Total** | **{totals['raw']:,}** | {cells} | |")
    used = totals["gzip"]
    verdict = "within" if used <= BUDGET else "OVER"
    lines += [
        "",
        f"- Budget: {used:,} of {BUDGET:,} bytes gzip ({used / BUDGET:.0%}), {verdict} budget.",
        f"- Scripts: {sum(kind == 'js' for kind, _, _ in files) or 'none'}",
        "- Third-party requests: "
        + (", ".join(f"{kind} `{url}`" for kind, url in third_party) or "none"),
        "- Other same-origin requests (images, fonts; not in the budget): "
        + (", ".join(f"{kind} `{url}`" for kind, url in others) or "none"),
    ]
    return "\n".join(lines) + "\n"


def write_doc(body):
    """Replace (or add) this benchmark's section of docs/benchmarks.md, keeping the rest."""
    text = DOC.read_text() if DOC.exists() else ""
    if not text.strip():
        text = DOC_HEADER
    section = f"{SECTION}\n\n{body}"
    # The section runs to the next "## " heading or the end of the file.
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--requests", type=int, default=50, help="requests per round (50)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed requests per path")
    parser.add_argument("--queries", action="store_true", help="also print the article's SQL")
    args = parser.parse_args()

    host = machine()  # before the run, so the load average is the machine's, not ours
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as data_dir:
        print(f"Loading the demo into {data_dir} ...", file=sys.stderr)
        setup_django(data_dir)
        from django.core.handlers.wsgi import WSGIHandler
        from django.db import connections

        handler = WSGIHandler()  # loads the middleware, so after collectstatic (WhiteNoise)
        paths = [(ARTICLE, 200), (BASELINE, 404), (FLOOR, 200)]
        print("Timing ...", file=sys.stderr)
        timings = time_paths(handler, paths, args.rounds, args.requests, args.warmup)
        queries = {
            path: count_queries(handler, path, status, show=args.queries and path == ARTICLE)
            for path, status in paths
        }
        files, third_party, others = page_weight(handler)
        encodings = {url: served_encoding(handler, url) for _, url, _ in files}
        connections.close_all()  # let the temporary directory go

    body = report(args, host, timings, queries, files, encodings, third_party, others)
    print(f"\n{SECTION}\n\n{body}")
    if args.write:
        write_doc(body)
        print(f"Updated {DOC.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
