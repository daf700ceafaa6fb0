"""The API's contract: what each endpoint takes and returns (the OpenAPI document comes from here).

Query parameters are bounded here, before any query runs: ids fit the
database's integers, a tag is a slug, a limit is at most `MAX_LIMIT` (a larger
one is refused with a 422, not clamped, so a client never silently gets less
than it asked for), text parameters cannot carry NUL characters that
PostgreSQL would refuse.
"""

from datetime import UTC, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

from warta.articles.models import StoryType
from warta.trust.models import NoteKind

# Ids beyond this cannot be rows of ours (bigint, with room for SQLite).
MAX_ID = 2**62
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_CURSOR = 600


class Page(Schema):
    """Where to go next: `next` is the full URL of the following page, null on the last."""

    next: str | None
    next_cursor: str | None


class SiteQuery(Schema):
    site: int | None = Field(
        None, ge=1, le=MAX_ID, description="A site's id; default: the site of the host asked."
    )


class PageQuery(Schema):
    cursor: str | None = Field(
        None,
        max_length=MAX_CURSOR,
        pattern=r"^[-\w:.]+$",
        description="`next_cursor` of the previous page, as given.",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


class ListQuery(SiteQuery, PageQuery):
    pass


class ArticleQuery(ListQuery):
    section: int | None = Field(None, ge=1, le=MAX_ID, description="A section's id.")
    topic: int | None = Field(None, ge=1, le=MAX_ID, description="A topic's id.")
    tag: str | None = Field(None, max_length=100, pattern=r"^[-\w]+$", description="A tag's slug.")
    type: Literal[tuple(StoryType.values)] | None = Field(None, description="The story type.")
    author: int | None = Field(None, ge=1, le=MAX_ID, description="An author's id.")
    updated_since: datetime | None = Field(
        None,
        description=(
            "Only articles (re)published at or after this time (ISO 8601; UTC when no offset)."
        ),
    )

    @field_validator("updated_since")
    @classmethod
    def in_utc(_cls, value):
        return in_utc(value)


class CorrectionQuery(ListQuery):
    since: datetime | None = Field(
        None,
        description=(
            "Only notes written or withdrawn at or after this time (ISO 8601; UTC when no offset)."
        ),
    )

    @field_validator("since")
    @classmethod
    def in_utc(_cls, value):
        return in_utc(value)


def in_utc(value):
    """A time parameter in UTC (a time without an offset is taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("outside the years 1 to 9999 in UTC") from None


class Site(Schema):
    id: int
    name: str
    url: str
    tagline: str
    time_zone: str
    language: str


class SiteList(Page):
    items: list[Site]


class Link(Schema):
    id: int
    title: str
    url: str


class Section(Schema):
    id: int
    site: int
    title: str
    slug: str
    description: str
    url: str


class SectionList(Page):
    items: list[Section]


class Topic(Schema):
    id: int
    site: int
    title: str
    slug: str
    summary: str
    url: str
    live_coverage: int | None = Field(description="The id of the topic's live coverage.")


class TopicList(Page):
    items: list[Topic]


class Author(Schema):
    id: int
    site: int
    name: str
    slug: str
    role: str
    bio_html: str
    url: str


class AuthorList(Page):
    items: list[Author]


class Place(Schema):
    name: str
    latitude: float | None
    longitude: float | None
    approximate: bool = Field(
        description="The point was rounded to about 1 km to protect sources; no exact one exists."
    )
    regency: str
    province: str


class Image(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


class Tag(Schema):
    name: str
    slug: str


class ArticleSummary(Schema):
    id: int
    site: int
    url: str
    title: str
    kicker: str = Field(description="The label above the headline (the section's name by default).")
    standfirst: str
    type: str
    type_label: str
    section: Link | None
    authors: list[Link]
    dateline: str
    topics: list[Link]
    tags: list[Tag]
    published_at: datetime
    updated_at: datetime | None = Field(description="The last publication.")
    place: Place | None


class ArticleList(Page):
    items: list[ArticleSummary]


class Block(Schema):
    type: str = Field(
        description=(
            "paragraph, heading, image, gallery, video, quote, embed, related, map (articles); "
            "text, image, video, embed (live updates)"
        )
    )
    id: str | None
    value: Any = Field(description="The block's content; null when what it showed is gone.")


class Article(ArticleSummary):
    lead_image: Image | None
    body: list[Block]
    body_html: str
    live_coverage: int | None = Field(description="The id of the article's live coverage.")


class LiveCoverage(Schema):
    id: int
    site: int
    status: Literal["live", "paused", "ended"]
    status_label: str
    started_at: datetime
    ended_at: datetime | None
    page: Link
    updates: str = Field(description="The URL of its updates.")


class LiveCoverageList(Page):
    items: list[LiveCoverage]


class LiveUpdate(Schema):
    id: int
    time: datetime
    headline: str
    pinned: bool
    key_event: bool
    place: Place | None
    body: list[Block]
    html: str = Field(description="The update as readers' pages show it.")


class LiveUpdateList(Page):
    coverage: LiveCoverage
    items: list[LiveUpdate]


class Correction(Schema):
    id: int
    site: int
    kind: Literal[tuple(NoteKind.values)] = Field(
        description="koreksi (correction), klarifikasi (clarification) or pembaruan (update)."
    )
    kind_label: str
    text: str
    created_at: datetime
    withdrawn_at: datetime | None = Field(
        description="When the note was withdrawn; readers still see it, marked so."
    )
    withdraw_reason: str
    article: Link


class CorrectionList(Page):
    items: list[Correction]
