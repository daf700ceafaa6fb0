"""Benchmark the maps (issue 5): GeoJSON for 10,000 points, and the map page's weight.

Run it with `.venv/bin/python bench/maps.py`; add `--write` to record the figures in
docs/benchmarks.md. Like bench/article.py (whose helpers it uses) it builds its own
throwaway database (migrate + load_demo + collectstatic), then adds 10,000 map points
to the default demo site, spread over Indonesia and the last six days.

Server time is measured in-process through Django's WSGI handler, interleaved round by
round with the site's 404 page as the baseline. Page weight is what a browser loads for
the Peta page before any tile: the HTML, our CSS and JS, the map libraries map.js loads,
the offline outline layer, the page's GeoJSON and the marker image.
"""

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import article as common  # the shared benchmark helpers

SECTION = "## Maps (issue 5)"
POINTS = 10_000
ALL = f"/api/peta/titik.geojson?limit={POINTS}"
DEFAULT = "/api/peta/titik.geojson"
BALI = "/api/peta/titik.geojson?bbox=114.4,-8.9,115.8,-8.0"
MAP_PAGE = "/peta/"


def add_points(count):
    """`count` map points on the default site, as the registry would write them."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Site

    from warta.articles.models import ArticlePage
    from warta.maps.models import MapPoint

    site = Site.objects.get(is_default_site=True)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    rng = random.Random(5)
    now = timezone.now()
    MapPoint.objects.bulk_create(
        [
            MapPoint(
                content_type=content_type,
                object_id=1_000_000 + n,
                kind="article",
                site=site,
                title=f"Berita uji nomor {n} tentang banjir dan jalan rusak di kabupaten",
                url=f"/bali/berita-uji-nomor-{n}/",
                published_at=now - timedelta(minutes=rng.randrange(6 * 24 * 60)),
                latitude=round(rng.uniform(-10, 5), 5),
                longitude=round(rng.uniform(95, 141), 5),
                place_name="Tempat uji",
                regency="Kabupaten Uji",
                province="Bali",
            )
            for n in range(count)
        ],
        batch_size=1000,
    )


def time_revalidation(handler, path, rounds, per_round):
    """Conditional GETs with the response's ETag.

    `path` has a fixed window: an open one moves each minute, and with points
    spread over every minute of six days the body (and ETag) changes as often.
    """
    etag = common.request(handler, path)[1]["ETag"]
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            status, _, _ = common.request(handler, path, HTTP_IF_NONE_MATCH=etag)
            assert status == 304, status
        samples.append((time.perf_counter() - start) * 1000 / per_round)
    return statistics.median(samples), min(samples), max(samples)


def map_page_files(handler):
    """Everything the Peta page loads before tiles: (label, path, body)."""
    html = common.fetch(handler, MAP_PAGE)
    parser = common.Resources()
    parser.feed(html.decode())
    files = [("HTML", MAP_PAGE, html)]
    for kind, url in parser.found:
        files.append((kind.upper(), url, common.fetch(handler, url)))
    config = json.loads(
        re.search(rb'<script type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    for url in config["libraries"]["css"] + config["libraries"]["js"]:
        if url not in [path for _, path, _ in files]:
            kind = "CSS" if url.endswith(".css") else "JS"
            files.append((f"{kind} (map.js)", url, common.fetch(handler, url)))
    for label, url in (
        ("GeoJSON outline", config["outline_url"]),
        ("GeoJSON points", config["points_url"].replace("\\u0026", "&")),
        ("PNG marker", config["marker_icon"]),
    ):
        files.append((label, url, common.fetch(handler, url)))
    return files


def light_view_files(handler):
    """The light view (`?tampilan=daftar`): the list grouped by area, no map library."""
    html = common.fetch(handler, MAP_PAGE + "?tampilan=daftar")
    parser = common.Resources()
    parser.feed(html.decode())
    return [html] + [common.fetch(handler, url) for _, url in parser.found]


def report(args, host, timings, revalidation, sizes, files, light):
    import django
    import wagtail

    baseline = timings[common.BASELINE][0]
    runs = f"median of {args.rounds} rounds × {args.requests} requests"
    lines = [
        f"- Date: {time.strftime('%a %b %d %H:%M:%S UTC %Y', time.gmtime())}",
        f"- Machine: {host}",
        f"- Software: Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        "SQLite, local-memory cache, DEBUG off",
        f"- Command: `flock /tmp/warta-bench.lock .venv/bin/python bench/maps.py"
        f"{' --write' if args.write else ''}`",
        f"- Data: the demo plus {POINTS:,} map points on BALICITIZEN within the last 6 days",
        "",
        f"GeoJSON server time, in-process through Django's WSGI handler ({runs}):",
        "",
        "| Request | Features | ms / request | Range | Bytes | gzip -9 | vs 404 page |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path in (
        (f"All {POINTS:,} points (`limit={POINTS}`)", ALL),
        ("Default (newest 1,000)", DEFAULT),
        ("Bali bounding box", BALI),
    ):
        median, low, high = timings[path]
        features, raw, packed = sizes[path]
        lines.append(
            f"| {label} | {features:,} | {median:.1f} | {low:.1f}–{high:.1f} | {raw:,} "
            f"| {packed:,} | {median / baseline:.1f}× |"
        )
    median, low, high = revalidation
    lines.append(
        f"| All {POINTS:,}, fixed window, revalidated (`If-None-Match` → 304) | – | {median:.1f} "
        f"| {low:.1f}–{high:.1f} | 0 | 0 | {median / baseline:.1f}× |"
    )
    median, low, high = timings[common.BASELINE]
    lines.append(f"| 404 page (baseline) | – | {median:.1f} | {low:.1f}–{high:.1f} | | | 1.0× |")
    lines += [
        "",
        "Peta page weight before tiles (the demo's BALICITIZEN, 4 placed stories, before the "
        "bulk points were added; no tile server configured; each file compressed on its own):",
        "",
        "| File | Raw bytes | gzip -9 |",
        "|---|---:|---:|",
    ]
    raw_total = packed_total = 0
    for label, url, body in files:
        packed = common.compressed(body)["gzip"]
        raw_total += len(body)
        packed_total += packed
        lines.append(f"| {label} `{url}` | {len(body):,} | {packed:,} |")
    lines.append(f"| **Total** | **{raw_total:,}** | **{packed_total:,}** |")
    light_packed = sum(common.compressed(body)["gzip"] for body in light)

    def packed_of(prefix):
        return sum(
            common.compressed(b)["gzip"] for label, _, b in files if label.startswith(prefix)
        )

    lines += [
        "",
        f"- Light view (`/peta/?tampilan=daftar`, the same stories as a list, no map "
        f"library): {len(light)} files, {light_packed:,} bytes gzip.",
        f"- Most of the map page is the map libraries ({packed_of('JS (map.js)'):,} bytes "
        f"gzip) and the offline outline ({packed_of('GeoJSON outline'):,}, cached for a "
        "day); map.js loads them only when a map scrolls into view, and section/topic "
        "pages fold their map, so they carry only map.js until a reader opens it.",
        "- The revalidation row is what a browser or CDN pays once it holds the body: "
        "the ETag comes from one aggregate query over the selected rows.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--requests", type=int, default=5, help="requests per round (5)")
    args = parser.parse_args()

    host = common.machine()
    with tempfile.TemporaryDirectory(prefix="warta-bench-maps-") as data_dir:
        print(f"Loading the demo into {data_dir} ...", file=sys.stderr)
        common.setup_django(data_dir)
        from django.core.handlers.wsgi import WSGIHandler
        from django.db import connections

        handler = WSGIHandler()
        files = map_page_files(handler)  # the demo as it is, before the bulk points
        light = light_view_files(handler)
        add_points(POINTS)
        paths = [(ALL, 200), (DEFAULT, 200), (BALI, 200), (common.BASELINE, 404)]
        print("Timing ...", file=sys.stderr)
        timings = common.time_paths(handler, paths, args.rounds, args.requests, warmup=3)
        sizes = {}
        for path, _ in paths[:3]:
            body = common.fetch(handler, path)
            features = len(json.loads(body)["features"])
            sizes[path] = (features, len(body), common.compressed(body)["gzip"])
        from django.utils import timezone

        now = timezone.now()
        window = (
            f"&since={(now - timedelta(days=7)):%Y-%m-%dT%H:%M:%SZ}&until={now:%Y-%m-%dT%H:%M:%SZ}"
        )
        revalidation = time_revalidation(handler, ALL + window, args.rounds, args.requests * 4)
        connections.close_all()

    body = report(args, host, timings, revalidation, sizes, files, light)
    print(f"\n{SECTION}\n\n{body}")
    if args.write:
        common.SECTION = SECTION  # write_doc replaces the section named there
        common.write_doc(body)
        print("Updated docs/benchmarks.md", file=sys.stderr)


if __name__ == "__main__":
    main()
