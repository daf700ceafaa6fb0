"""Related reads: choosing, storing and showing each article's short list.

Publishing an article queues `related_tasks.refresh_related_reads`, which
calls `refresh_on_publish`: the new article's own list is computed from at
most `CANDIDATES` stories that share a topic, a tag, a place or the section
with it and were published within `WINDOW` of it (never a scan of the
archive), and the article is offered to the lists of the `FAN_OUT` stories it
scored best with. So one publish costs a bounded number of queries, whatever
the size of the archive.

Editors' decisions survive: pinned and removed rows are never touched by a
recompute, and a removed article is never suggested again for that article.
Readers see only live, public articles of the same site (checked again at
render time, so an article unpublished or made private later drops out at once).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from warta.articles.models import ArticlePage, ArticlePageTag
from warta.core import pagecache
from warta.discovery.related_models import RelatedPlacement, RelatedProfile, RelatedRead
from warta.discovery.related_scoring import Story, rank, term_profile

SHOWN = 4  # on the reader page: one inline and the others in the end list, or all at the end
KEEP = 8  # automatic rows stored per article, so a removal leaves spares
CANDIDATES = 300
FAN_OUT = 10
REFILL = 50  # lists recomputed when an article they suggest is unpublished
WINDOW = timedelta(days=365)
NEARBY_DEGREES = 0.3  # the candidate box around a placed story (~33 km)
MIN_SCORE = 0.05
DEFAULT_AFTER_PARAGRAPH = 3

_TOPICS = ArticlePage.topics.through
_TEXT_BLOCKS = {"paragraph": None, "heading": "text", "quote": "quote"}


def body_text(body) -> str:
    """The readable text of an article body (paragraphs, headings, quotes), without markup."""
    texts = []
    for block in body.raw_data:
        if block["type"] not in _TEXT_BLOCKS:
            continue
        key, value = _TEXT_BLOCKS[block["type"]], block["value"]
        text = value if key is None else (value or {}).get(key, "")
        texts.append(strip_tags(str(text or "")))
    return "\n".join(texts)


def profile_terms(page) -> dict[str, float]:
    return term_profile(page.title, page.standfirst, body_text(page.body))


def save_profile(page) -> dict[str, float]:
    terms = profile_terms(page)
    RelatedProfile.objects.update_or_create(article_id=page.pk, defaults={"terms": terms})
    return terms


def public_articles(site):
    return ArticlePage.objects.live().public().in_site(site)


def candidate_pks(article, site) -> list[int]:
    """Up to CANDIDATES stories near `article`: shared topic, tag or place first, then section."""
    pool = public_articles(site).exclude(pk=article.pk)
    if article.published_at:
        pool = pool.filter(
            published_at__range=(article.published_at - WINDOW, article.published_at + WINDOW)
        )
    pool = pool.order_by("-published_at", "-pk")
    strong = Q(pk__in=[])
    topic_ids = list(_TOPICS.objects.filter(articlepage_id=article.pk).values("topicpage_id"))
    if topic_ids:
        strong |= Q(
            pk__in=_TOPICS.objects.filter(
                topicpage_id__in=[row["topicpage_id"] for row in topic_ids]
            ).values("articlepage_id")
        )
    strong |= Q(
        pk__in=ArticlePageTag.objects.filter(
            tag_id__in=ArticlePageTag.objects.filter(content_object_id=article.pk).values("tag_id")
        ).values("content_object_id")
    )
    if article.place_name:
        strong |= Q(place_name__iexact=article.place_name)
    if article.place_regency:
        strong |= Q(place_regency__iexact=article.place_regency)
    if article.has_place:
        strong |= Q(
            place_latitude__range=(
                article.place_latitude - NEARBY_DEGREES,
                article.place_latitude + NEARBY_DEGREES,
            ),
            place_longitude__range=(
                article.place_longitude - NEARBY_DEGREES,
                article.place_longitude + NEARBY_DEGREES,
            ),
        )
    pks = list(pool.filter(strong).values_list("pk", flat=True)[:CANDIDATES])
    if len(pks) < CANDIDATES:
        section = pool.child_of(article.get_parent()).exclude(pk__in=pks)
        pks += list(section.values_list("pk", flat=True)[: CANDIDATES - len(pks)])
    return pks


_STORY_FIELDS = (
    "pk",
    "path",
    "published_at",
    "place_name",
    "place_regency",
    "place_province",
    "place_latitude",
    "place_longitude",
)


def stories(pks) -> dict[int, Story]:
    """Stories for scoring, in a fixed number of queries (profiles made for stories without)."""
    pks = list(pks)
    topics, tags, profiles = {}, {}, {}
    for article_id, topic_id in _TOPICS.objects.filter(articlepage_id__in=pks).values_list(
        "articlepage_id", "topicpage_id"
    ):
        topics.setdefault(article_id, set()).add(topic_id)
    for article_id, tag_id in ArticlePageTag.objects.filter(content_object_id__in=pks).values_list(
        "content_object_id", "tag_id"
    ):
        tags.setdefault(article_id, set()).add(tag_id)
    for article_id, terms in RelatedProfile.objects.filter(article_id__in=pks).values_list(
        "article_id", "terms"
    ):
        profiles[article_id] = terms
    missing = [pk for pk in pks if pk not in profiles]
    if missing:
        made = []
        for page in ArticlePage.objects.filter(pk__in=missing).only("title", "standfirst", "body"):
            profiles[page.pk] = profile_terms(page)
            made.append(RelatedProfile(article_id=page.pk, terms=profiles[page.pk]))
        RelatedProfile.objects.bulk_create(made, ignore_conflicts=True)
    found = {}
    for row in ArticlePage.objects.filter(pk__in=pks).values(*_STORY_FIELDS):
        found[row["pk"]] = Story(
            pk=row["pk"],
            terms=profiles.get(row["pk"], {}),
            topics=frozenset(topics.get(row["pk"], ())),
            tags=frozenset(tags.get(row["pk"], ())),
            section=row["path"][: -Page.steplen],
            place_name=row["place_name"],
            regency=row["place_regency"],
            province=row["place_province"],
            latitude=row["place_latitude"],
            longitude=row["place_longitude"],
            published=row["published_at"],
        )
    return found


def _write_automatic(article_pk, ranked) -> None:
    """Replace the article's automatic rows by the best of `ranked`; editors' rows stay."""
    with transaction.atomic():
        rows = RelatedRead.objects.select_for_update().filter(article_id=article_pk)
        decided = set(
            rows.filter(Q(pinned=True) | Q(removed=True)).values_list("related_id", flat=True)
        )
        rows.filter(pinned=False, removed=False).delete()
        best = [item for item in ranked if item[2] not in decided and item[0] >= MIN_SCORE][:KEEP]
        # ignore_conflicts: a concurrent offer() may have added one of these meanwhile.
        RelatedRead.objects.bulk_create(
            (
                RelatedRead(article_id=article_pk, related_id=pk, score=value, reason=reason)
                for value, reason, pk in best
            ),
            ignore_conflicts=True,
        )


def recompute(article_pk) -> list[tuple[float, str, int]]:
    """Compute and store one article's list; returns the ranking over its candidates."""
    article = ArticlePage.objects.filter(pk=article_pk).first()
    if article is None or not article.live:
        return []
    site = article.get_site()
    if site is None:
        return []
    pks = candidate_pks(article, site)
    found = stories([article.pk, *pks])
    story = found.pop(article.pk)
    ranked = rank(story, found.values())
    _write_automatic(article.pk, ranked)
    return ranked


def offer(new_pk, ranked) -> int:
    """Put the new article on the lists of the FAN_OUT stories it scored best with.

    Scores are symmetric, so the new article's score on a candidate's list is its
    score from the candidate's point of view too. A candidate keeps its KEEP best
    automatic rows; its pinned and removed rows are never touched. Returns how
    many lists changed.
    """
    best = [(value, reason, pk) for value, reason, pk in ranked[:FAN_OUT] if value >= MIN_SCORE]
    if not best:
        return 0
    changed = 0
    with transaction.atomic():
        rows = {}
        for row in RelatedRead.objects.select_for_update().filter(
            article_id__in=[pk for _, _, pk in best]
        ):
            rows.setdefault(row.article_id, []).append(row)
        create, drop, update = [], [], []
        for value, reason, pk in best:
            mine = rows.get(pk, [])
            existing = next((row for row in mine if row.related_id == new_pk), None)
            if existing is not None:
                if not (existing.pinned or existing.removed) and existing.score != value:
                    existing.score, existing.reason = value, reason
                    update.append(existing)
                    changed += 1
                continue
            automatic = sorted(
                (row for row in mine if not (row.pinned or row.removed)), key=lambda r: r.score
            )
            if len(automatic) >= KEEP:
                if automatic[0].score >= value:
                    continue
                drop.append(automatic[0].pk)
            create.append(RelatedRead(article_id=pk, related_id=new_pk, score=value, reason=reason))
            changed += 1
        RelatedRead.objects.filter(pk__in=drop).delete()
        RelatedRead.objects.bulk_update(update, ["score", "reason"])
        RelatedRead.objects.bulk_create(create, ignore_conflicts=True)
    return changed


def refresh_on_publish(article_pk) -> int:
    """What publishing an article does to related reads; bounded work (see the module doc)."""
    article = ArticlePage.objects.filter(pk=article_pk).first()
    if article is None or not article.live:
        return 0
    save_profile(article)
    ranked = recompute(article_pk)
    if article.get_view_restrictions().exists():
        return 0  # a private article reads its own list but is offered to no one
    return offer(article_pk, ranked)


def refill_after_unpublish(article_pk) -> int:
    """Recompute the lists an unpublished article was suggested on (at most REFILL of them).

    Readers stopped seeing it at once (render-time check); this fills the gap it left.
    """
    holders = (
        RelatedRead.objects.filter(related_id=article_pk, pinned=False, removed=False)
        .order_by("-score")
        .values_list("article_id", flat=True)[:REFILL]
    )
    holders = list(holders)
    for holder in holders:
        recompute(holder)
    return len(holders)


def compute_all(pages) -> int:
    """Profiles and lists for existing articles (the demo; a one-off after install)."""
    pages = list(pages)
    for page in pages:
        save_profile(page)
    for page in pages:
        recompute(page.pk)
    return len(pages)


def _hand_picked(body) -> set:
    return {
        (block["value"] or {}).get("page") for block in body.raw_data if block["type"] == "related"
    }


def inline_after(body, paragraph) -> int | None:
    """The index of the block the inline read follows: the `paragraph`-th paragraph.

    None when an editor placed a related read by hand (one "BACA JUGA" in the
    flow is enough), when there is no such paragraph, or when nothing follows
    it (the end list is right there).
    """
    raw = body.raw_data
    if not paragraph or any(block["type"] == "related" for block in raw):
        return None
    paragraphs = [index for index, block in enumerate(raw) if block["type"] == "paragraph"]
    if len(paragraphs) < paragraph or paragraphs[paragraph - 1] == len(raw) - 1:
        return None
    return paragraphs[paragraph - 1]


def _site_root(page) -> str | None:
    """The url_path of the site root `page` is under (Wagtail caches the list of roots)."""
    roots = [
        root.root_path
        for root in Site.get_site_root_paths()
        if page.url_path.startswith(root.root_path)
    ]
    return max(roots, key=len) if roots else None


def related_reads_context(page, request) -> dict:
    """The reader page's related reads: `related_inline` and `related_reads` (see the template).

    One query for the rows (with the editor's placement), and one for view
    restrictions when there are rows.
    """
    if page.pk is None:
        return {}
    placement = RelatedPlacement.objects.filter(article_id=OuterRef("article_id"))
    rows = list(
        RelatedRead.objects.filter(article_id=page.pk, removed=False, related__live=True)
        .select_related("related")
        .defer("related__body")
        .annotate(after_paragraph=Subquery(placement.values("after_paragraph")[:1]))
        .order_by("-pinned", "position", "-score", "related_id")[: SHOWN + 4]
    )
    if not rows:
        return {}
    restricted = pagecache.restricted_paths()
    root = _site_root(page)
    hand = _hand_picked(page.body)
    reads = [
        row
        for row in rows
        if row.related_id not in hand
        and row.related_id != page.pk
        and root is not None
        and row.related.url_path.startswith(root)
        and not any(row.related.path.startswith(path) for path in restricted)
    ][:SHOWN]
    if not reads:
        return {}
    paragraph = rows[0].after_paragraph
    after = inline_after(page.body, DEFAULT_AFTER_PARAGRAPH if paragraph is None else paragraph)
    context = {"related_reads": reads}
    if after is not None:
        context["related_inline"] = {"after": after, "read": reads[0]}
        context["related_reads"] = reads[1:]
    return context
