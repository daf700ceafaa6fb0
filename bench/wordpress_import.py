"""Benchmark the WordPress import (issue 13): posts per second and peak memory.

Run it with `.venv/bin/python bench/wordpress_import.py`; add `--write` to record
the figures in docs/benchmarks.md. Each run is a child process with its own
throwaway SQLite database (migrate, one site): it writes a generated export
of N posts (Gutenberg bodies of a heading and six paragraphs, 20 categories,
200 tags, 5 authors, no media), then times `import_wordpress` alone. Peak
memory is the child's maximum resident set size, read before and after the
import, for two export sizes: memory flat in the export size means the two
peaks are close. The import's CPU time (user + system) is recorded beside the
wall time: on a shared machine it is the steadier figure.

`--baseline DIR` also times, in the same run and the same way, the importer of
another checkout (e.g. `/work/main`, the code before a change) at
`--baseline-sizes` (default 1,000 posts), for a ratio.
"""

import argparse
import io
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## WordPress import (issue 13)"

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>
"""
AUTHOR = (
    "<wp:author><wp:author_login>penulis{n}</wp:author_login>"
    "<wp:author_display_name>Penulis {n}</wp:author_display_name></wp:author>\n"
)
CATEGORY = (
    "<wp:category><wp:category_nicename>rubrik-{n}</wp:category_nicename>"
    "<wp:category_parent></wp:category_parent><wp:cat_name>Rubrik {n}</wp:cat_name>"
    "</wp:category>\n"
)
PARAGRAPH = (
    "<!-- wp:paragraph --><p>Paragraf {p} berita nomor {n}: warga desa melaporkan "
    "<strong>jalan rusak</strong> dan banjir setelah hujan deras semalam, kata kepala "
    "desa kepada wartawan di lokasi.</p><!-- /wp:paragraph -->\n"
)
ITEM = """<item><title>Berita uji nomor {n}</title>
<link>https://bench.example/2021/12/berita-uji-{n}/</link>
<dc:creator>penulis{author}</dc:creator><guid>https://bench.example/?p={n}</guid>
<content:encoded><![CDATA[<!-- wp:heading --><h2>Judul kecil {n}</h2><!-- /wp:heading -->
{body}]]></content:encoded><excerpt:encoded><![CDATA[Ringkasan {n}.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2021-12-{day:02d} 03:00:00</wp:post_date_gmt>
<wp:post_name>berita-uji-{n}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="rubrik-{category}">Rubrik {category}</category>
<category domain="post_tag" nicename="tag-{tag}">tag {tag}</category>
</item>
"""


def write_export(path, posts):
    with open(path, "w", encoding="utf-8") as export:
        export.write(HEADER)
        export.writelines(AUTHOR.format(n=n) for n in range(5))
        export.writelines(CATEGORY.format(n=n) for n in range(20))
        for n in range(1, posts + 1):
            body = "".join(PARAGRAPH.format(p=p, n=n) for p in range(6))
            export.write(
                ITEM.format(
                    n=n, author=n % 5, body=body, day=1 + n % 28, category=n % 20, tag=n % 200
                )
            )
        export.write("</channel></rss>\n")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(posts, root=ROOT):
    """One measured import in a fresh database, with the code in `root`; prints JSON."""
    data_dir = tempfile.mkdtemp(prefix="warta-bench-wxr-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="warta.settings",
        WARTA_DATA_DIR=data_dir,
        WARTA_ENV="development",
        DEBUG="0",
    )
    for name in ("DATABASE_URL", "REDIS_URL", "S3_BUCKET"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(root))
    import django
    from django.core.management import call_command

    django.setup()
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("migrate", interactive=False, verbosity=0, **quiet)
    from warta.articles.factories import make_site

    site = make_site()
    export = Path(data_dir) / "export.xml"
    write_export(export, posts)
    before = peak_rss_mb()
    cpu = cpu_seconds()
    started = time.perf_counter()
    out = io.StringIO()
    call_command("import_wordpress", str(export), site=site.hostname, stdout=out, verbosity=0)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    import warta
    from warta.articles.models import ArticlePage

    assert ArticlePage.objects.count() == posts, out.getvalue()
    assert Path(warta.__file__).resolve().is_relative_to(root), warta.__file__
    print(
        json.dumps(
            {
                "posts": posts,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "export_mb": export.stat().st_size / 1024 / 1024,
                "rss_before_mb": before,
                "rss_peak_mb": peak_rss_mb(),
            }
        )
    )


def machine():
    load = Path("/proc/loadavg").read_text().split()[:3]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}", " ".join(load)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout to time, for a ratio")
    parser.add_argument("--baseline-sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.root.resolve())
    hardware, load_start = machine()
    started = time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime())
    runs_wanted = [("this checkout", ROOT, size) for size in args.sizes]
    if args.baseline:
        runs_wanted += [
            (f"baseline ({args.baseline})", args.baseline, size) for size in args.baseline_sizes
        ]
    results = {}
    for _round in range(args.rounds):
        for label, root, size in runs_wanted:
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(size), "--root", str(root)],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(run.stdout.strip().splitlines()[-1])
            print(label, result, flush=True)
            results.setdefault((label, size), []).append(result)
    _, load_end = machine()
    rows = []
    medians = {}
    for (label, size), runs in results.items():
        rates = [r["posts"] / r["seconds"] for r in runs]
        cpu_rates = [r["posts"] / r["cpu_seconds"] for r in runs]
        medians[(label, size)] = statistics.median(cpu_rates)
        rows.append(
            f"| {label} | {size:,} | {runs[0]['export_mb']:.1f} | "
            f"{statistics.median(r['seconds'] for r in runs):.1f} | "
            f"{statistics.median(rates):.0f} ({min(rates):.0f}–{max(rates):.0f}) | "
            f"{statistics.median(r['cpu_seconds'] for r in runs):.1f} | "
            f"{statistics.median(cpu_rates):.0f} | "
            f"{statistics.median(r['rss_before_mb'] for r in runs):.0f} | "
            f"{statistics.median(r['rss_peak_mb'] for r in runs):.0f} |"
        )
    ratios = [
        f"- Ratio, posts per CPU second, this checkout / baseline at {size:,} posts: "
        f"{medians[('this checkout', size)] / medians[(label, size)]:.1f}×"
        for (label, size) in medians
        if label != "this checkout" and ("this checkout", size) in medians
    ]
    body = "\n".join(
        [
            SECTION,
            "",
            f"- Date: {started}",
            f"- Machine: {hardware}; load average {load_start} at the start, {load_end} at the end",
            "- Software: SQLite, local-memory cache, DEBUG off, no media",
            f"- Command: `.venv/bin/python bench/wordpress_import.py --rounds {args.rounds}"
            f"{' --sizes ' + ' '.join(map(str, args.sizes))}"
            f"{f' --baseline {args.baseline}' if args.baseline else ''}"
            f"{' --write' if args.write else ''}`",
            "",
            f"`import_wordpress` of a generated export, each run in a fresh database "
            f"(median of {args.rounds} runs; goal ≥ 50 posts/s, memory flat in the export size). "
            "Peak memory is the process's maximum RSS, Django loaded and migrated "
            "(before) and after the import:",
            "",
            "| Code | Posts | Export MB | Seconds | Posts/s (range) | CPU s | Posts per CPU s "
            "| RSS before, MB | Peak RSS, MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            *ratios,
            "",
        ]
    )
    print(body)
    if args.write:
        text = DOC.read_text(encoding="utf-8")
        if SECTION in text:
            head, _, rest = text.partition(SECTION)
            tail = rest[rest.find("\n## ") :] if "\n## " in rest else ""
            text = head + body + tail.lstrip("\n").join(["\n", ""]) if tail else head + body
        else:
            text = text.rstrip("\n") + "\n\n" + body
        DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
