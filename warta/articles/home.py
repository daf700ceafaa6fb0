"""A site's front page: what `HomePage.get_context` shows, in a fixed number of queries.

- ``live_now``: coverages live now below the home page ("Langsung" strip), from apps
  above articles: ``register_live_now(fn)``, where ``fn(home, request)`` returns a
  list of ``LiveNow`` in one query, most recently updated first (the live app);
- ``lead``: the pinned lead story, else the newest article live now, else the newest;
- ``section_stories``: [(section, cards)] in the editor's order, then the menu's,
  the lead left out;
- ``video_stories``: the newest stories with a ready video (their posters);
- ``topics_in_news``: topic hubs with the most recent stories.

The map teaser is the maps app's `{% map_teaser %}` in the template.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Max, Prefetch, Window
from django.db.models.functions import Length, RowNumber, Substr

from warta.articles.cards import prepare_cards, type_label, with_card_images
from warta.articles.models import PATH_STEP, ArticlePage, SectionPage, TopicPage, video_stories
from warta.images.models import WartaImage
from warta.images.renditions import LEAD_PICTURE, filter_specs

VIDEO_ROW = 4
TOPICS_IN_NEWS = 6


@dataclass
class LiveNow:
    page_id: int
    title: str
    url: str
    updated_at: datetime | None
    is_article: bool = False


LiveNowSource = Callable[[object, object], list]

_live_sources: list[LiveNowSource] = []


def register_live_now(source: LiveNowSource) -> None:
    if source not in _live_sources:
        _live_sources.append(source)


def live_now(home, request) -> list:
    found = []
    for source in _live_sources:
        found.extend(source(home, request))
    return found


def _lead(home, live):
    """The lead story (one query, plus its image and renditions): pinned, live now, newest."""
    articles = ArticlePage.objects.live().public().descendant_of(home)
    live_articles = [entry.page_id for entry in live if entry.is_article]
    if home.lead_story_id:
        articles = articles.filter(pk=home.lead_story_id)
    elif live_articles:
        articles = articles.filter(pk__in=live_articles)
    images = WartaImage.objects.prefetch_renditions(*filter_specs(LEAD_PICTURE))
    lead = (
        articles.prefetch_related(Prefetch("lead_image", queryset=images))
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
        .first()
    )
    if lead is None and home.lead_story_id:
        # The pinned story is no longer live: lead automatically.
        home.lead_story_id = None
        return _lead(home, live)
    return lead


def _sections(home):
    """The home page's live sections: the editor's order first, then the tree's (one query)."""
    return list(
        SectionPage.objects.live()
        .public()
        .child_of(home)
        .annotate(position=Max("home_positions__sort_order"))
        .order_by(F("position").asc(nulls_last=True), "path")
    )


def _section_stories(home, lead):
    """[(section, cards)]: the first few of each section, newest first, in two queries more."""
    articles = ArticlePage.objects.live().public().descendant_of(home)
    if lead is not None:
        articles = articles.exclude(pk=lead.pk)
    # One query for all sections: number each section's articles newest first
    # and keep the first few of each.
    ranked = with_card_images(
        articles.annotate(
            parent_path=Substr("path", 1, Length("path") - PATH_STEP),
            rank=Window(
                RowNumber(),
                partition_by=Substr("path", 1, Length("path") - PATH_STEP),
                order_by=[F("published_at").desc(nulls_last=True), F("path").desc()],
            ),
        )
        .filter(rank__lte=home.stories_per_section)
        .order_by("parent_path", "rank")
    )
    by_section = {}
    for article in prepare_cards(ranked, eager=0 if lead and lead.lead_image else 1):
        by_section.setdefault(article.parent_path, []).append(article)
    return [
        (section, by_section[section.path])
        for section in _sections(home)
        if section.path in by_section
    ]


def _topics_in_news(home):
    """The site's topic hubs with the most recent stories, newest first (one query)."""
    return list(
        TopicPage.objects.live()
        .public()
        .descendant_of(home)
        .annotate(latest=Max("articles__published_at"))
        .filter(latest__isnull=False)
        .order_by("-latest", "title")
        .only("title", "url_path", "path", "depth")[:TOPICS_IN_NEWS]
    )


def front_page(home, request) -> dict:
    live = live_now(home, request)
    lead = _lead(home, live)
    if lead is not None:
        lead.card_label, lead.card_kicker = type_label(lead, lead.kicker)
        lead.is_live = any(entry.page_id == lead.pk for entry in live)
    return {
        "live_now": live,
        "lead": lead,
        "section_stories": _section_stories(home, lead),
        "video_stories": list(video_stories(home).order_by("-published_at", "-pk")[:VIDEO_ROW]),
        "topics_in_news": _topics_in_news(home),
    }
