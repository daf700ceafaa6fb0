"""Relevance on a generated corpus: the expected story first, and the same on both backends.

The same test runs on SQLite and on PostgreSQL (DATABASE_URL). It also replays every
query through an in-memory SQLite FTS5 index built from the same rows and the same
migration SQL, so the PostgreSQL pass measures how often both backends agree on
the top result. Figures: docs/benchmarks.md.
"""

import importlib
import json
import os
import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page

from warta.articles.factories import make_section
from warta.discovery import search
from warta.discovery.models import SearchEntry
from warta.discovery.tests.relevance.corpus import build

MIGRATION = importlib.import_module("warta.discovery.migrations.0002_search")


def bulk_index(section, articles, offset=0):
    """Page rows under `section` and their index rows, through `search.entry_for`."""
    page_type = ContentType.objects.get_for_model(Page)
    pages = []
    for number, article in enumerate(articles, start=offset + 1):
        slug = f"cerita-{number}"
        pages.append(
            Page(
                title=article["title"],
                slug=slug,
                path=Page._get_path(section.path, section.depth + 1, number),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                content_type=page_type,
                live=True,
                locale_id=section.locale_id,
                first_published_at=article["published_at"],
            )
        )
    Page.objects.bulk_create(pages)
    saved = Page.objects.filter(path__in=[page.path for page in pages])
    by_path = {page.path: page for page in saved}
    keys, entries = {}, []
    for page, article in zip(pages, articles, strict=True):
        page = by_path[page.path]
        page.section_id_for_index = section.pk
        entries.append(search.entry_for(page, article["text"]))
        keys[page.pk] = article["key"]
    SearchEntry.objects.bulk_create(entries)
    return keys


def sqlite_fts_top(entries, queries):
    """Top page id per query from an in-memory FTS5 index made by the migration's SQL."""
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE discovery_searchentry (page_id integer primary key, published_at text,"
        " title_terms text, body_terms text)"
    )
    db.executescript(MIGRATION.SQLITE_FORWARD)
    db.executemany(
        "INSERT INTO discovery_searchentry VALUES (?, ?, ?, ?)",
        [(e.page_id, e.published_at.isoformat(), e.title_terms, e.body_terms) for e in entries],
    )
    tops = []
    for query in queries:
        groups = search.usable_groups(query)
        row = db.execute(
            "SELECT e.page_id FROM discovery_search_fts f JOIN discovery_searchentry e"
            " ON e.page_id = f.rowid WHERE discovery_search_fts MATCH ?"
            f" ORDER BY bm25(discovery_search_fts, {search.TITLE_WEIGHT}, 1.0),"
            " e.published_at DESC, e.page_id DESC LIMIT 1",
            [search.fts5_match(groups)],
        ).fetchone()
        tops.append(row[0] if row else None)
    return tops


def test_expected_story_first_and_backends_agree(site):
    articles, queries = build()
    assert len(articles) >= 300 and len(queries) >= 40
    section = make_section(site, "Nusantara", "nusantara")
    keys = bulk_index(section, articles)
    filters = search.Filters(root_path=site.root_page.path)

    first, precision, tops = 0, 0.0, []
    for query, expected in queries:
        _groups, results, corrected = search.run(query, filters, page=1)
        found = [keys[page_id] for page_id in results.page_ids[:5]]
        first += bool(found) and found[0] == expected
        precision += (expected in found) / 5  # one relevant story per query
        tops.append((query, corrected, results.page_ids[0] if results.page_ids else None))

    entries = list(SearchEntry.objects.order_by("pk"))
    # The in-memory side has no typo retry, so compare on the query the database ran.
    replay = sqlite_fts_top(entries, [corrected or query for query, corrected, _ in tops])
    agree = sum(top == other for (_q, _c, top), other in zip(tops, replay, strict=True))

    share_first = first / len(queries)
    share_agree = agree / len(queries)
    figures = {
        "vendor": connection.vendor,
        "queries": len(queries),
        "articles": len(articles),
        "expected_first": round(share_first, 3),
        "precision_at_5": round(precision / len(queries), 3),
        "same_top_as_sqlite_fts5": round(share_agree, 3),
        "misses": [
            q
            for (q, expected), (_q, _c, top) in zip(queries, tops, strict=True)
            if keys.get(top) != expected
        ],
    }
    out = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"relevance-{connection.vendor}.json")
    with open(out, "w") as handle:
        json.dump(figures, handle, ensure_ascii=False, indent=1)
    assert share_first >= 0.85, figures
    assert share_agree >= 0.90, figures
