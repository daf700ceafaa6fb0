"""What the API may show, as querysets: published, public, on a site.

Every endpoint starts from one of these, so "public data only" is decided
here once: pages are live and outside every view restriction (Wagtail's
`live()` and `public()`: no drafts, no private pages); live coverages and
their updates only on such pages, and only approved updates; corrections
only on such articles (withdrawn ones too, as readers see them: marked). Lists load what
they show in a fixed number of queries, whatever their length (a test holds
the article list to that).
"""

from datetime import datetime

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from wagtail.models import Page, Site

from warta.api import cursors
from warta.articles.models import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    SectionPage,
    TopicPage,
)
from warta.live.models import LiveCoverage
from warta.people.models import AuthorPage
from warta.trust.models import CorrectionNote


def public_pages(model, site):
    """Live, unrestricted pages of `model` on `site`."""
    return model.objects.live().public().descendant_of(site.root_page, inclusive=True)


def articles(site):
    """The site's public articles with what a list shows, newest first.

    `published_time` is what readers see as the publication time (the editable
    `published_at`, else the first publication); it is also the sort key.
    """
    return (
        public_pages(ArticlePage, site)
        .annotate(published_time=Coalesce("published_at", "first_published_at"))
        .filter(published_time__isnull=False)
        .prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
            Prefetch("topics", queryset=TopicPage.objects.live().public().order_by("title")),
            "tagged_items__tag",
        )
        .order_by("-published_time", "-pk")
    )


def filter_articles(queryset, filters):
    if filters.section is not None:
        section = SectionPage.objects.filter(pk=filters.section).first()
        queryset = queryset.child_of(section) if section else queryset.none()
    # Subqueries rather than joins: a join would repeat an article per match.
    if filters.topic is not None:
        tagged = ArticlePage.topics.through.objects.filter(topicpage_id=filters.topic)
        queryset = queryset.filter(pk__in=tagged.values("articlepage_id"))
    if filters.tag is not None:
        tagged = ArticlePageTag.objects.filter(tag__slug=filters.tag)
        queryset = queryset.filter(pk__in=tagged.values("content_object_id"))
    if filters.type is not None:
        queryset = queryset.filter(story_type=filters.type)
    if filters.author is not None:
        bylines = ArticleAuthor.objects.filter(author_id=filters.author)
        queryset = queryset.filter(pk__in=bylines.values("article_id"))
    if filters.updated_since is not None:
        queryset = queryset.filter(last_published_at__gte=filters.updated_since)
    return queryset


def sections_of(articles, site):
    """{parent path: section} for `articles`, in one query."""
    step = Page.steplen
    paths = {article.path[:-step] for article in articles}
    sections = public_pages(SectionPage, site).filter(path__in=paths)
    return {section.path: section for section in sections}


def sections(site):
    return public_pages(SectionPage, site).order_by("pk")


def topics(site):
    return public_pages(TopicPage, site).order_by("pk")


def authors(site):
    return public_pages(AuthorPage, site).order_by("pk")


def coverages(site):
    """Live coverages readers can follow: on a public page of the site."""
    pages = public_pages(Page, site)
    return LiveCoverage.objects.filter(page__in=pages).select_related("page").order_by("-pk")


def corrections(site, since=None):
    """Notes on the site's public articles, newest first; `since`: written or withdrawn then."""
    notes = CorrectionNote.objects.filter(
        article__in=public_pages(ArticlePage, site).values("pk")
    ).select_related("article")
    if since is not None:
        notes = notes.filter(Q(created_at__gte=since) | Q(withdrawn_at__gte=since))
    return notes.order_by("-created_at", "-pk")


def updates(coverage):
    return coverage.updates.filter(approved=True).order_by("-time", "-pk")


def find_site(site_id, request_site):
    """The site `?site=` names, else the one the request came to (or the default)."""
    if site_id is None:
        return request_site or Site.objects.filter(is_default_site=True).first()
    return Site.objects.select_related("root_page").filter(pk=site_id).first()


# Keyset pagination: a page is `limit` rows after the cursor's sort key.


def newest_first_page(queryset, cursor, limit, time_field):
    """Rows ordered by (`time_field` desc, pk desc), after `cursor`; (rows, next key)."""
    if cursor:
        time, pk = cursors.decode(cursor, (datetime, int))
        queryset = queryset.filter(
            Q(**{f"{time_field}__lt": time}) | Q(**{time_field: time, "pk__lt": pk})
        )
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = cursors.encode(getattr(rows[-1], time_field), rows[-1].pk) if more else None
    return rows, next_cursor


def id_order_page(queryset, cursor, limit, descending=False):
    """Rows ordered by pk, after `cursor`; (rows, next key)."""
    if cursor:
        (pk,) = cursors.decode(cursor, (int,))
        queryset = queryset.filter(pk__lt=pk) if descending else queryset.filter(pk__gt=pk)
    queryset = queryset.order_by(F("pk").desc() if descending else F("pk").asc())
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (cursors.encode(rows[-1].pk) if more else None)
