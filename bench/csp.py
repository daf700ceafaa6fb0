"""Benchmark the cost of the Content-Security-Policy header (issue 17).

Run it with `.venv/bin/python bench/csp.py`; add `--write` to record the figures in
docs/benchmarks.md. Like bench/article.py (whose helpers it uses) it builds its own
throwaway database (migrate + load_demo + collectstatic).

Two WSGI handlers are built in one process from the same settings, one with
`warta.core.csp.WartaCSPMiddleware` in MIDDLEWARE and one without, and the same
requests go through both, interleaved round by round (the order flips each round),
so the ratio on/off is the header's cost with the machine's noise shared. The
middleware's own time per response is measured apart, on a bare response, since a
few microseconds disappear in a page's milliseconds.
"""

import argparse
import gc
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = str(Path(__file__).resolve().parent)
sys.path.insert(0, BENCH)
import article as common  # the shared benchmark helpers  # noqa: E402

# This file's name is django-csp's package name: take bench/ off the path again
# so that `import csp` finds the package, not this script.
sys.path[:] = [entry for entry in sys.path if entry not in (BENCH, "")]

SECTION = "## Content-Security-Policy header (issue 17)"
CSP_MIDDLEWARE = "warta.core.csp.WartaCSPMiddleware"
PATHS = [
    ("Seed article", common.ARTICLE, 200),
    ("404 page", common.BASELINE, 404),
    ("GeoJSON points", "/api/peta/titik.geojson", 200),
    ("Static CSS (WhiteNoise)", common.FLOOR, 200),
]


def handlers():
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    assert CSP_MIDDLEWARE in settings.MIDDLEWARE
    with_csp = WSGIHandler()
    original = settings.MIDDLEWARE
    settings.MIDDLEWARE = [name for name in original if name != CSP_MIDDLEWARE]
    try:
        without_csp = WSGIHandler()
    finally:
        settings.MIDDLEWARE = original
    status, headers, _ = common.request(with_csp, common.ARTICLE)
    assert "Content-Security-Policy" in headers, "the CSP handler sends the header"
    status, headers, _ = common.request(without_csp, common.ARTICLE)
    assert "Content-Security-Policy" not in headers, "the other does not"
    return with_csp, without_csp


def time_pairs(on, off, rounds, per_round, warmup):
    """{path: {"on": (median, min, max), "off": ...}} in ms per request."""
    for _, path, status in PATHS:
        for handler in (on, off):
            for _ in range(warmup):
                common.fetch(handler, path, status)
    samples = {path: {"on": [], "off": []} for _, path, _ in PATHS}
    for round_ in range(rounds):
        order = [("on", on), ("off", off)] if round_ % 2 == 0 else [("off", off), ("on", on)]
        for _, path, status in PATHS:
            for name, handler in order:
                gc.collect()
                start = time.perf_counter()
                for _ in range(per_round):
                    common.fetch(handler, path, status)
                samples[path][name].append((time.perf_counter() - start) * 1000 / per_round)
    return {
        path: {name: (statistics.median(s), min(s), max(s)) for name, s in by.items()}
        for path, by in samples.items()
    }


def time_middleware(rounds, per_round):
    """Microseconds the middleware adds to one public and one admin response."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from warta.core.csp import WartaCSPMiddleware

    middleware = WartaCSPMiddleware(lambda request: HttpResponse())
    factory = RequestFactory()
    results = {}
    for name, path in (("public page", "/"), ("admin page", "/admin/")):
        medians = []
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(per_round):
                request = factory.get(path)
                middleware.process_request(request)
                middleware.process_response(request, HttpResponse())
            with_csp = time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(per_round):
                request = factory.get(path)
                HttpResponse()
            bare = time.perf_counter() - start
            medians.append((with_csp - bare) * 1e6 / per_round)
        results[name] = (statistics.median(medians), min(medians), max(medians))
    return results


def report(args, host, timings, micro):
    import django
    import wagtail

    lines = [
        f"- Date: {datetime.now(UTC).strftime('%a %b %d %H:%M:%S UTC %Y')}",
        f"- Machine: {host}",
        f"- Software: Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        "django-csp 4.0, SQLite, local-memory cache, DEBUG off",
        "- Command: `.venv/bin/python bench/csp.py --write`",
        "",
        f"Server time in-process through Django's WSGI handler, with and without the CSP "
        f"middleware (median of {args.rounds} rounds × {args.requests} requests, the two "
        "handlers interleaved, order flipped each round):",
        "",
        "| Request | with CSP, ms | range | without, ms | range | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, path, _ in PATHS:
        on, off = timings[path]["on"], timings[path]["off"]
        lines.append(
            f"| {label} (`{path}`) | {on[0]:.3f} | {on[1]:.3f}–{on[2]:.3f} | {off[0]:.3f} "
            f"| {off[1]:.3f}–{off[2]:.3f} | {on[0] / off[0]:.3f}× |"
        )
    lines += [
        "",
        f"The middleware alone (process_request + process_response on a bare response, "
        f"minus the same loop without it; median of {args.rounds} rounds × "
        f"{args.micro} responses):",
        "",
        "| Response | µs added | range |",
        "|---|---:|---:|",
    ]
    for name, (median, low, high) in micro.items():
        lines.append(f"| {name} | {median:.1f} | {low:.1f}–{high:.1f} |")
    article_ms = timings[common.ARTICLE]["off"][0]
    share = micro["public page"][0] / 1000 / article_ms
    lines += [
        "",
        f"- The header costs {micro['public page'][0]:.0f} µs a public response here, "
        f"{share:.2%} of the seed article's {article_ms:.1f} ms: below what the page "
        "timings can resolve, whose on/off ratios scatter around 1 by the machine's noise "
        "(each row's range is wider than the difference). Only a static file, answered "
        "by WhiteNoise in about a millisecond, could show it; in production a CDN or the "
        "web server in front serves those.",
        "- The timings scale with the load average: compare runs at similar load only.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds (default 9)")
    parser.add_argument("--requests", type=int, default=30, help="requests per round (30)")
    parser.add_argument("--micro", type=int, default=5000, help="responses per round (5000)")
    args = parser.parse_args()

    host = common.machine()  # before the run: the machine's load, not ours
    with tempfile.TemporaryDirectory(prefix="warta-bench-csp-") as data_dir:
        print(f"Loading the demo into {data_dir} ...", file=sys.stderr)
        common.setup_django(data_dir)
        from django.db import connections

        on, off = handlers()
        print("Timing ...", file=sys.stderr)
        timings = time_pairs(on, off, args.rounds, args.requests, warmup=10)
        micro = time_middleware(args.rounds, args.micro)
        connections.close_all()

    body = report(args, host, timings, micro)
    print(f"\n{SECTION}\n\n{body}")
    if args.write:
        common.SECTION = SECTION
        common.write_doc(body)
        print("Updated docs/benchmarks.md", file=sys.stderr)


if __name__ == "__main__":
    main()
