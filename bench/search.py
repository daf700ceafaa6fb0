"""Benchmark search (issue 11): index build time and query p50/p95 over 100,000 stories.

`.venv/bin/python bench/search.py` uses a throwaway SQLite file; with
`DATABASE_URL=postgres://…/DB` it uses that (empty, scratch) PostgreSQL database.
It migrates, makes one site and section, then bulk-creates the page rows and index
rows through `search.entry_for` (the generated corpus of the relevance test, grown to
`--size`), and times `search.run` — the query path of /cari/ — for every query of the
relevance set plus short common ones, several rounds. Goal: p95 ≤ 50 ms.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="bench-search-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    os.environ.setdefault("DATA_DIR", scratch)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from warta.articles.factories import make_section, make_site
    from warta.discovery import search
    from warta.discovery.models import SearchEntry
    from warta.discovery.tests.relevance.corpus import build
    from warta.discovery.tests.relevance.test_relevance import bulk_index

    site = make_site()
    section = make_section(site, "Nusantara", "nusantara")
    articles, queries = build(size=args.size)
    started = time.monotonic()
    for begin in range(0, len(articles), 10_000):
        bulk_index(section, articles[begin : begin + 10_000], offset=begin)
    build_seconds = time.monotonic() - started
    assert SearchEntry.objects.count() == len(articles)
    words = [q for q, _ in queries] + ["jembatan", "Denpasar", "warga", "pembangunan sekolah"]
    filters = search.Filters(root_path=site.root_page.path)
    timings = []
    for _round in range(args.rounds):
        for query in words:
            for newest in (False, True):
                began = time.perf_counter()
                search.run(query, filters, newest=newest)
                timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    load = os.getloadavg()
    print(
        f"{connection.vendor}: {len(articles)} rows indexed in {build_seconds:.1f} s; "
        f"{len(timings)} queries p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


if __name__ == "__main__":
    main()
