"""Wire and partner feeds (RSS 2.0, Atom) → plain entries, with no database.

feedparser reads the many dialects of RSS and Atom found in the wild; it
parses with its own non-validating parser and resolves no external entities.
`title_key` and `is_near_duplicate` spot one story carried by two wires under
slightly different headlines ("Gempa M5,2 guncang Jayapura" / "Gempa M5.2
guncang Jayapura!").
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher

import feedparser

# Headlines this close (SequenceMatcher ratio) are one story.
NEAR_DUPLICATE = 0.9


class FeedError(ValueError):
    """Not a feed we can read; the message says why."""


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    link: str
    summary: str  # HTML, unsanitised
    content: str  # HTML, unsanitised
    published: datetime | None
    author: str


def _published(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def parse_feed(data):
    """The entries of an RSS or Atom document (bytes); FeedError if it is neither."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FeedError(f"Not an RSS or Atom feed: {reason}.")
    entries = []
    for entry in parsed.entries:
        title = (entry.get("title") or "").strip()
        link = (entry.get("link") or "").strip()
        guid = (entry.get("id") or link or title).strip()
        if not title or not guid:
            continue
        content = entry.get("content") or []
        entries.append(
            Entry(
                guid=guid[:1000],
                title=title[:255],
                link=link[:1000],
                summary=entry.get("summary") or "",
                content=content[0].get("value", "") if content else "",
                published=_published(entry),
                author=(entry.get("author") or "").strip(),
            )
        )
    return entries


def title_key(title):
    """Lower case, no accents, punctuation or repeated spaces: what a headline says."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())[:500]


def is_near_duplicate(key, others):
    """The first of `others` (title keys) that is the same headline as `key`, else None."""
    for other in others:
        if other == key:
            return other
        matcher = SequenceMatcher(None, key, other)
        if matcher.real_quick_ratio() >= NEAR_DUPLICATE and matcher.ratio() >= NEAR_DUPLICATE:
            return other
    return None
