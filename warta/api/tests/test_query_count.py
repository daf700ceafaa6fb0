"""The list endpoints cost a fixed number of queries: the same with 10 articles as with 1,000.

Each article carries a byline, a topic, a tag and a correction note, so the
article and correction lists are as long as the articles.
"""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from warta.articles.models import ArticleAuthor, ArticlePage, ArticlePageTag
from warta.live.factories import make_coverage, make_topic, make_update
from warta.trust.models import CorrectionNote, NoteKind

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def bulk_articles(section, count, author, topic, tag):
    """`count` published articles under `section`: a byline, a topic, a tag and a note each.

    Publishing through Wagtail costs tens of queries a page; this writes the tree
    rows directly (paths computed as treebeard does) so 1,000 take a second.
    """
    section.refresh_from_db()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    depth = section.depth + 1
    pages = []
    for offset in range(count):
        number = next(_numbers)
        slug = f"massal-{number}"
        pages.append(
            Page(
                title=f"Berita massal {number}",
                draft_title=f"Berita massal {number}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(section.path, depth, section.numchild + offset + 1),
                depth=depth,
                url_path=f"{section.url_path}{slug}/",
                live=True,
                first_published_at=now,
                last_published_at=now,
                locale_id=section.locale_id,
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=section.pk).update(numchild=section.numchild + count)
    for page in pages:
        article = ArticlePage(page_ptr=page, published_at=now, body=[])
        article.__dict__.update({k: v for k, v in page.__dict__.items() if k != "_state"})
        article.save_base(raw=True, force_insert=True)
    ArticleAuthor.objects.bulk_create(
        [ArticleAuthor(article_id=page.pk, author=author, sort_order=0) for page in pages]
    )
    ArticlePageTag.objects.bulk_create(
        [ArticlePageTag(content_object_id=page.pk, tag=tag) for page in pages]
    )
    CorrectionNote.objects.bulk_create(
        [
            CorrectionNote(
                article_id=page.pk, kind=NoteKind.CORRECTION, text="Koreksi.", created_at=now
            )
            for page in pages
        ]
    )
    ArticlePage.topics.through.objects.bulk_create(
        [
            ArticlePage.topics.through(articlepage_id=page.pk, topicpage_id=topic.pk)
            for page in pages
        ]
    )


def queries_for(api, path):
    # Warm: Wagtail caches the site root paths on a first request, and the page
    # cache (core/pagecache.py) fills on a miss; what is counted is a warm request.
    api(path)
    api(path)
    with CaptureQueriesContext(connection) as captured:
        response = api(path)
    assert response.status_code == 200, response.data
    return len(captured)


def test_list_endpoints_cost_the_same_with_10_and_1000_articles(api, site, section, author):
    topic = make_topic(site)
    make_update(make_coverage(topic))
    tag = Tag.objects.create(name="banjir", slug="banjir")
    paths = [
        "articles",
        "articles?limit=100",
        f"articles?topic={topic.pk}&tag=banjir&author={author.pk}&section={section.pk}",
        "articles?updated_since=2020-01-01T00:00:00Z&type=berita",
        "sections",
        "topics",
        "authors",
        "sites",
        "live-coverages",
        "corrections",
        "corrections?limit=100&since=2020-01-01T00:00:00Z",
    ]
    bulk_articles(section, 10, author, topic, tag)
    ten = {path: queries_for(api, path) for path in paths}
    small_page = api("articles?limit=100").data["items"]
    assert len(small_page) == 10
    bulk_articles(section, 990, author, topic, tag)
    thousand = {path: queries_for(api, path) for path in paths}
    full_page = api("articles?limit=100").data
    assert len(full_page["items"]) == 100 and full_page["next_cursor"]
    # Every item really carries what the prefetches load.
    assert all(
        item["authors"] and item["topics"] and item["tags"] and item["section"]
        for item in full_page["items"]
    )
    corrections = api("corrections?limit=100").data
    assert len(corrections["items"]) == 100 and corrections["next_cursor"]
    assert thousand == ten
    assert max(ten.values()) <= 12
