"""Search over published stories: keep the index, match a query, mark the snippet.

One table (`SearchEntry`) holds each story's filters, display text and analysed
terms (`analysis.index_terms`). Both databases match the *same* terms: SQLite
through FTS5 (bm25, title weighted), PostgreSQL through a `simple` tsvector
(ts_rank_cd, title weighted A). See docs/decisions/0008-discovery.md, "Search".
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from warta.discovery import analysis
from warta.discovery.models import SearchEntry

PER_PAGE = 10
MAX_PAGES = 50  # results past page 50 are not worth a reader's time nor a deep OFFSET
TEXT_LENGTH = 4000  # characters of standfirst + body kept for snippets
TITLE_WEIGHT = 10.0  # bm25 column weight of the title (body: 1.0)
SNIPPET_WORDS = 40


def _terms(text):
    # Hyphenated forms are indexed as their parts: FTS5 and PostgreSQL's parser
    # split "kota-kota" differently, the parts they agree on.
    return " ".join(term for term in analysis.index_terms(text) if "-" not in term)


def entry_for(page, text):
    """An unsaved `SearchEntry` for `page` (an ArticlePage) with its plain `text`."""
    title = page.title
    return SearchEntry(
        page_id=page.pk,
        path=page.path,
        section_id=getattr(page, "section_id_for_index", None),
        story_type=getattr(page, "story_type", ""),
        published_at=getattr(page, "published_at", None)
        or page.first_published_at
        or page.latest_revision_created_at,
        title=title[:255],
        text=text[:TEXT_LENGTH],
        title_terms=_terms(title),
        body_terms=_terms(text),
    )


def page_text(page):
    """A story's plain text for search: standfirst, then the body's searchable content."""
    parts = [page.standfirst or ""]
    body = getattr(page, "body", None)
    if body is not None:
        parts.extend(body.stream_block.get_searchable_content(body))
    text = " ".join(strip_tags(str(part)) for part in parts if part)
    return re.sub(r"\s+", " ", text).strip()


def indexable(page):
    """Whether a page belongs in the public index: live, an article, no view restriction."""
    return page.live and not page.get_view_restrictions().exists()


def index_page(page):
    """Write (or remove) the index row of one ArticlePage."""
    page = page.specific
    if not indexable(page):
        remove_page(page.pk)
        return None
    section = page.get_parent()
    page.section_id_for_index = section.pk if section else None
    entry = entry_for(page, page_text(page))
    SearchEntry.objects.filter(pk=page.pk).delete()
    entry.save(force_insert=True)
    return entry


def remove_page(page_id):
    SearchEntry.objects.filter(pk=page_id).delete()


# --- Matching -----------------------------------------------------------------


@dataclass
class Filters:
    root_path: str
    section_id: int | None = None
    story_type: str | None = None
    start: object = None  # aware datetimes, inclusive start / exclusive end
    end: object = None


@dataclass
class Results:
    total: int
    page_ids: list = field(default_factory=list)


def usable_groups(query):
    """`analysis.query_groups` without hyphenated terms (see `_terms`)."""
    groups = []
    for group in analysis.query_groups(query):
        kept = frozenset(term for term in group if "-" not in term)
        if kept:
            groups.append(kept)
    return groups


def fts5_match(groups):
    """The FTS5 MATCH expression for AND-of-OR groups; every term quoted."""
    return " AND ".join(
        "(" + " OR ".join(f'"{term}"' for term in sorted(group)) + ")" for group in groups
    )


def tsquery(groups):
    """The `to_tsquery('simple', …)` text for AND-of-OR groups; every term quoted."""
    return " & ".join(
        "(" + " | ".join(f"'{term}'" for term in sorted(group)) + ")" for group in groups
    )


def _filter_sql(filters, alias="e"):
    clauses = [f"{alias}.path LIKE %s"]
    params = [filters.root_path + "%"]
    if filters.section_id is not None:
        clauses.append(f"{alias}.section_id = %s")
        params.append(filters.section_id)
    if filters.story_type:
        clauses.append(f"{alias}.story_type = %s")
        params.append(filters.story_type)
    if filters.start is not None:
        clauses.append(f"{alias}.published_at >= %s")
        params.append(filters.start)
    if filters.end is not None:
        clauses.append(f"{alias}.published_at < %s")
        params.append(filters.end)
    return " AND ".join(clauses), params


# Relevance ranks at most this many matches: the newest ones. A common word matches
# tens of thousands of stories at 10^5; ranking them all before the LIMIT is what made
# PostgreSQL miss its p95 (bench/search.py). Twice the pages a reader can reach
# (PER_PAGE × MAX_PAGES), so every reachable result is ranked among enough rivals.
RANK_CANDIDATES = 2 * PER_PAGE * MAX_PAGES


def _sql(groups, filters):
    """(FROM … WHERE … clause, its params, the score expression, its order) for this backend."""
    where, params = _filter_sql(filters)
    if connection.vendor == "postgresql":
        source = "discovery_searchentry e, to_tsquery('simple', %s) q"
        match = "e.search_vector @@ q"
        score = "ts_rank_cd(c.search_vector, c.q, 1)"
        score_order = "score DESC"
        params = [tsquery(groups), *params]
    else:
        source = "discovery_search_fts f JOIN discovery_searchentry e ON e.page_id = f.rowid"
        match = "discovery_search_fts MATCH %s"
        score = f"bm25(discovery_search_fts, {TITLE_WEIGHT}, 1.0)"
        score_order = "score ASC"  # bm25 is lower for better matches
        params = [fts5_match(groups), *params]
    return f"FROM {source} WHERE {match} AND {where}", params, score, score_order


def _page_query(body, score, score_order, newest):
    """The SELECT of one results page: (page_id, score) rows, LIMIT and OFFSET to bind."""
    if newest:
        return (
            f"SELECT e.page_id, 0 AS score {body} "
            f"ORDER BY e.published_at DESC, e.page_id DESC LIMIT %s OFFSET %s"
        )
    if connection.vendor == "postgresql":
        # Rank outside the candidate LIMIT, so only RANK_CANDIDATES vectors are ranked.
        inner = f"SELECT e.page_id, e.published_at, e.search_vector, q {body}"
    else:
        # bm25() only exists inside the FTS query; it is cheap there.
        inner = f"SELECT e.page_id, e.published_at, {score} AS score {body}"
        score = "c.score"
    return (
        f"SELECT c.page_id, {score} AS score FROM ({inner} "
        f"ORDER BY e.published_at DESC, e.page_id DESC LIMIT {RANK_CANDIDATES}) c "
        f"ORDER BY {score_order}, c.published_at DESC, c.page_id DESC LIMIT %s OFFSET %s"
    )


def search(groups, filters, *, page=1, newest=False, per_page=PER_PAGE):
    """The matching page ids for one results page, and how many match (capped pages).

    Relevance order ranks the newest RANK_CANDIDATES matches; "newest" needs no rank.
    """
    if not groups:
        return Results(total=0)
    body, params, score, score_order = _sql(groups, filters)
    cap = per_page * MAX_PAGES
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 {body} LIMIT {cap}) capped", params)
        total = cursor.fetchone()[0]
        page = max(1, min(page, pages_for(total, per_page)))
        cursor.execute(
            _page_query(body, score, score_order, newest),
            [*params, per_page, (page - 1) * per_page],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return Results(total=total, page_ids=ids)


def pages_for(total, per_page=PER_PAGE):
    return max(1, min(MAX_PAGES, -(-total // per_page)))


def run(query, filters, *, page=1, newest=False):
    """(groups, results, corrected query or ""): a query with no match is retried once
    with each unknown word replaced by the nearest headline word (typos)."""
    groups = usable_groups(query)
    results = search(groups, filters, page=page, newest=newest)
    if groups and not results.total:
        corrected = suggestion(filters.root_path, query)
        if corrected:
            retry_groups = usable_groups(corrected)
            retry = search(retry_groups, filters, page=page, newest=newest)
            if retry.total:
                return retry_groups, retry, corrected
    return groups, results, ""


VOCABULARY_TITLES = 5000


def vocabulary(root_path):
    """Words of a site's recent headlines (cached ten minutes): what typos are checked against."""
    key = f"discovery:vocabulary:{root_path}"
    words = cache.get(key)
    if words is None:
        titles = SearchEntry.objects.filter(path__startswith=root_path).order_by("-published_at")
        found = set()
        for title in titles.values_list("title", flat=True)[:VOCABULARY_TITLES]:
            found.update(analysis.words(title))
        words = sorted(found - analysis.STOPWORDS)
        cache.set(key, words, 600)
    return words


def suggestion(root_path, query):
    """The query with each word not in the headlines replaced by the most similar one, or ""."""
    known = vocabulary(root_path)
    known_set = set(known)
    suggested, changed = [], False
    for word in analysis.words(query)[:12]:
        if word in analysis.STOPWORDS or word in known_set or "-" in word:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        suggested.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(suggested) if changed else ""


# --- Snippets -------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def highlight(text, groups, words=SNIPPET_WORDS):
    """A window of `text` around the first matched word, matches in `<mark>`, rest escaped."""
    wanted = frozenset().union(*groups) if groups else frozenset()
    matches = [m for m in _WORD.finditer(text) if wanted and analysis.variants(m.group()) & wanted]
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return ""
    first = 0
    if matches:
        start_at = matches[0].start()
        first = next(i for i, token in enumerate(tokens) if token.start() == start_at)
        first = max(0, first - words // 4)
    last = min(len(tokens), first + words)
    begin, end = tokens[first].start(), tokens[last - 1].end()
    marked = {m.start(): m.end() for m in matches}
    out = ["… " if begin > 0 else ""]
    position = begin
    for token in tokens[first:last]:
        if token.start() in marked:
            out.append(escape(text[position : token.start()]))
            out.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    out.append(escape(text[position:end]))
    if end < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # every piece of `text` is escaped above
