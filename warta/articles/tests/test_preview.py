"""Editors preview unsaved changes: the page must render from in-memory relations."""

import pytest

from warta.articles.factories import make_author, publish
from warta.articles.models import ArticleAuthor, TopicIndexPage, TopicPage

pytestmark = pytest.mark.django_db


def test_preview_renders_unsaved_bylines_topics_and_tags(rf, site, article):
    index = publish(site.root_page.specific, TopicIndexPage(title="Topik", slug="topik"))
    topic = publish(index, TopicPage(title="Rusia dan Ukraina", slug="rusia-ukraina"))
    draft = article.get_latest_revision_as_object()
    draft.title = "Judul yang belum disimpan"
    draft.topics = [topic]
    draft.article_authors = [ArticleAuthor(author=make_author(site, "Made Wirawan"))]
    draft.tags.add("Pratinjau")
    request = rf.get("/", HTTP_HOST=site.hostname)
    response = draft.make_preview_request(request)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Judul yang belum disimpan</h1>" in html
    assert "Made Wirawan" in html and "Ni Luh Ayu" not in html
    assert "Rusia dan Ukraina" in html
    assert "Pratinjau" in html
