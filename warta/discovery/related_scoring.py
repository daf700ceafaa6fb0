"""How alike two stories are, for related reads. Pure: no Django, no database.

A story is what scoring needs of an article (`Story`): its weighted terms from
the Indonesian analyser (title counted three times, standfirst twice, body
once), its topics, tags, section, place and date. Similarity is the tf-idf
cosine of the terms, plus fixed bonuses for shared topics and tags, the same or
a nearby place and the same section, scaled down gently with the time between
the two stories. The idf comes from the candidate pool itself (at most a few
hundred stories that already share a topic, a tag, a place or the section),
so the words every candidate shares weigh little and the distinctive ones
decide; no archive-wide statistics are needed.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from warta.discovery.analysis import index_terms

TITLE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 2.0
# The strongest terms kept per story: enough to compare, small enough to store.
PROFILE_TERMS = 80

TOPIC_BONUS, TOPIC_CAP = 0.3, 0.45
TAG_BONUS, TAG_CAP = 0.12, 0.36
SAME_PLACE_BONUS = 0.25
SAME_REGENCY_BONUS = 0.15
NEARBY_BONUS = 0.12
SAME_PROVINCE_BONUS = 0.03
SECTION_BONUS = 0.05
NEARBY_KM = 30
# Stories this many days apart keep 7/8 of their score; the decay never passes 3/4.
RECENCY_DAYS = 60
RECENCY_SHARE = 0.25


def term_profile(title: str, standfirst: str, body: str) -> dict[str, float]:
    """A story's strongest terms with sublinear weights (1 + log of the weighted count)."""
    counts = Counter()
    for text, weight in ((title, TITLE_WEIGHT), (standfirst, STANDFIRST_WEIGHT), (body, 1.0)):
        for term in index_terms(text or ""):
            counts[term] += weight
    strongest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:PROFILE_TERMS]
    return {term: round(1 + math.log(count), 4) for term, count in strongest}


@dataclass(frozen=True)
class Story:
    pk: int
    terms: dict[str, float] = field(default_factory=dict)
    topics: frozenset = frozenset()
    tags: frozenset = frozenset()
    section: str = ""
    place_name: str = ""
    regency: str = ""
    province: str = ""
    latitude: float | None = None
    longitude: float | None = None
    published: datetime | None = None


def inverse_document_frequency(stories) -> dict[str, float]:
    stories = list(stories)
    frequency = Counter(term for story in stories for term in story.terms)
    total = len(stories)
    return {term: math.log((1 + total) / (1 + count)) + 1 for term, count in frequency.items()}


def cosine(a: dict[str, float], b: dict[str, float], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(weight * b[term] * idf.get(term, 1.0) ** 2 for term, weight in a.items() if term in b)
    if not dot:
        return 0.0
    norm_a = math.sqrt(sum((w * idf.get(t, 1.0)) ** 2 for t, w in a.items()))
    norm_b = math.sqrt(sum((w * idf.get(t, 1.0)) ** 2 for t, w in b.items()))
    return dot / (norm_a * norm_b)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _same(a: str, b: str) -> bool:
    return bool(a) and a.casefold() == b.casefold()


def place_bonus(story: Story, other: Story) -> float:
    if _same(story.place_name, other.place_name):
        return SAME_PLACE_BONUS
    if _same(story.regency, other.regency):
        return SAME_REGENCY_BONUS
    if None not in (story.latitude, story.longitude, other.latitude, other.longitude):
        far = distance_km(story.latitude, story.longitude, other.latitude, other.longitude)
        if far <= NEARBY_KM:
            return NEARBY_BONUS
    if _same(story.province, other.province):
        return SAME_PROVINCE_BONUS
    return 0.0


def recency_factor(story: Story, other: Story) -> float:
    if story.published is None or other.published is None:
        return 1 - RECENCY_SHARE / 2
    days = abs((story.published - other.published).total_seconds()) / 86400
    return 1 - RECENCY_SHARE + RECENCY_SHARE / (1 + days / RECENCY_DAYS)


def score(story: Story, other: Story, idf: dict[str, float]) -> tuple[float, str]:
    """(similarity, the reason that contributed most) of `other` as a read after `story`."""
    parts = {
        "text": cosine(story.terms, other.terms, idf),
        "topic": min(TOPIC_CAP, TOPIC_BONUS * len(story.topics & other.topics)),
        "tags": min(TAG_CAP, TAG_BONUS * len(story.tags & other.tags)),
        "place": place_bonus(story, other),
        "section": SECTION_BONUS if story.section and story.section == other.section else 0.0,
    }
    reason = max(parts, key=parts.get)
    return round(sum(parts.values()) * recency_factor(story, other), 6), reason


def rank(story: Story, candidates, idf=None) -> list[tuple[float, str, int]]:
    """[(score, reason, pk)] of every candidate other than the story, best first."""
    candidates = [c for c in candidates if c.pk != story.pk]
    if idf is None:
        idf = inverse_document_frequency([story, *candidates])
    scored = [(*score(story, other, idf), other.pk) for other in candidates]
    return sorted(scored, key=lambda item: (-item[0], item[2]))
