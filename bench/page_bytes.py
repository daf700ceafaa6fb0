"""Bytes on the wire of the front page and the section pages, and their first screen's images.

Run it with `.venv/bin/python bench/page_bytes.py`; add `--write` to record the figures
in docs/benchmarks.md. Like bench/article.py (whose helpers it reuses) it builds a
throwaway database (migrate + load_demo + collectstatic in a temporary WARTA_DATA_DIR).

For each site's home page and each of its sections: the HTML and the CSS and JS it
loads, each compressed on its own with gzip -9 (budget 30 KB together; images are
listed apart), then the images a 360 × 740 px phone (device pixel ratio 1 and 2)
shows on the first screen, as Debian's Chromium picks them from the srcsets, with
their bytes (budget 60 KB). The home page's SQL query count is printed beside it,
and the 404 page's bytes as a baseline measured in the same run.
"""

import argparse
import os
import sys
import tempfile
import wsgiref.util
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import article as helpers  # bench/article.py

ROOT = helpers.ROOT
PAGE_BUDGET = 30_000
IMAGE_BUDGET = 60_000
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Front page and sections (issue 10)"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def request(handler, host, path, **headers):
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": host,
        **headers,
    }
    wsgiref.util.setup_testing_defaults(environ)
    started = []
    response = handler(environ, lambda status, headers: started.append((status, headers)))
    try:
        body = b"".join(response)
    finally:
        response.close()
    status, headers = started[0]
    return int(status.split()[0]), dict(headers), body


def weight(handler, host, path):
    """(html+css+js gzip bytes, raw bytes, third-party URLs) of `path` on `host`."""
    status, _, html = request(handler, host, path)
    expected = 404 if path.startswith("/tidak-ada") else 200
    if status != expected:
        raise SystemExit(f"GET {host}{path}: {status}")
    parser = helpers.Resources()
    parser.feed(html.decode())
    bodies, third_party = [html], []
    for kind, url in parser.found:
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue
        if parts.netloc and parts.hostname != host:
            third_party.append(url)
        elif kind in ("css", "js"):
            bodies.append(request(handler, host, parts.path)[2])
    gz = sum(helpers.compressed(body)["gzip"] for body in bodies)
    return gz, sum(len(body) for body in bodies), third_party


def first_screen_images(handler, host, path, scale):
    """[(url, bytes)] of the images inside a 360×740 viewport once the page has loaded."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the handler's database
    # calls stay synchronous (as in the browser tests' conftest).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sizes = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, device_scale_factor=scale
        )
        tab = context.new_page()

        def answer(route, req):
            url = urlsplit(req.url)
            if url.hostname != host:
                return route.abort()
            status, headers, body = request(
                handler, host, url.path + (f"?{url.query}" if url.query else "")
            )
            sizes[url.path] = len(body)
            headers.pop("Content-Encoding", None)
            return route.fulfill(status=status, headers=headers, body=body)

        tab.route("**/*", answer)
        tab.goto(f"http://{host}{path}")
        tab.wait_for_load_state("networkidle")
        shown = tab.evaluate(
            """() => [...document.images]
                .filter(img => img.complete && img.naturalWidth > 0)
                .filter(img => { const r = img.getBoundingClientRect();
                                 return r.bottom > 0 && r.top < innerHeight && r.width > 0; })
                .map(img => new URL(img.currentSrc).pathname)"""
        )
        browser.close()
    return [(url, sizes.get(url, 0)) for url in dict.fromkeys(shown)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    host_line = helpers.machine()
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as data_dir:
        helpers.setup_django(data_dir)
        from django.core.wsgi import get_wsgi_application
        from wagtail.models import Site

        from warta.articles.models import SectionPage

        handler = get_wsgi_application()
        rows, image_rows, over = [], [], []
        for site in Site.objects.order_by("-is_default_site", "hostname"):
            host = site.hostname
            paths = ["/"] + [
                page.relative_url(site)
                for page in SectionPage.objects.live().child_of(site.root_page).order_by("path")
            ]
            request(handler, host, "/")  # the first view makes the renditions
            baseline = weight(handler, host, "/tidak-ada-halaman/")[0]
            for path in paths:
                gz, raw, third_party = weight(handler, host, path)
                queries = ""
                if path == "/":
                    queries = str(count_queries(handler, host, path))
                rows.append((host, path, raw, gz, gz / baseline, queries, third_party))
                if gz > PAGE_BUDGET:
                    over.append(f"{host}{path}: {gz} bytes")
            for scale in (1, 2):
                for path in paths:
                    images = first_screen_images(handler, host, path, scale)
                    total = sum(size for _, size in images)
                    image_rows.append((host, path, scale, images, total))
                    if scale == 1 and total > IMAGE_BUDGET:
                        over.append(f"{host}{path}: images {total} bytes")
    lines = [
        f"- Date: {datetime.now(UTC).strftime('%a %b %d %H:%M:%S UTC %Y')}",
        f"- Machine: {host_line}",
        f"- Command: `.venv/bin/python bench/page_bytes.py{' --write' if args.write else ''}`",
        "",
        f"HTML + CSS + JS of each page, each file gzip -9 on its own (budget {PAGE_BUDGET:,} "
        "bytes; images apart); the baseline is the site's 404 page (the same chrome, no "
        "content), measured in the same run:",
        "",
        "| Site | Page | Raw bytes | gzip bytes | vs 404 page | SQL queries | Third-party |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for host, path, raw, gz, ratio, queries, third_party in rows:
        lines.append(
            f"| {host} | `{path}` | {raw:,} | {gz:,} | {ratio:.2f}× | {queries} "
            f"| {', '.join(third_party) or 'none'} |"
        )
    lines += [
        "",
        f"Images on the first screen of a 360 × 740 px phone (budget {IMAGE_BUDGET:,} bytes at "
        "device pixel ratio 1; ratio 2 shown for comparison), as Chromium picks them:",
        "",
        "| Site | Page | DPR | Images | Bytes |",
        "|---|---|---:|---|---:|",
    ]
    for host, path, scale, images, total in image_rows:
        listed = "<br>".join(f"`{url.rsplit('/', 1)[-1]}` {size:,}" for url, size in images)
        lines.append(f"| {host} | `{path}` | {scale} | {listed or 'none'} | {total:,} |")
    lines += ["", f"- Budgets: {'all within' if not over else 'OVER: ' + '; '.join(over)}."]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        doc = DOC.read_text()
        block = f"{SECTION}\n\n{text}"
        if SECTION in doc:
            start = doc.index(SECTION)
            end = doc.find("\n## ", start + len(SECTION))
            doc = doc[:start] + block + (doc[end + 1 :] if end != -1 else "")
        else:
            doc = doc.rstrip("\n") + "\n\n" + block
        DOC.write_text(doc)
    return 1 if over else 0


def count_queries(handler, host, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        request(handler, host, path)
    return len(queries)


if __name__ == "__main__":
    sys.exit(main())
