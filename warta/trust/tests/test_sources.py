"""Sources on an article: posted through the real admin edit view, shown to readers."""

import pytest
from wagtail.test.utils.form_data import inline_formset

from warta.articles.factories import make_author
from warta.articles.models import ArticlePage
from warta.articles.tests.test_permission_matrix import article_form, make_draft, page_url
from warta.trust.models import ArticleSource

pytestmark = pytest.mark.django_db

MISSING = "Berita ini belum punya sumber, jadi belum bisa diterbitkan atau dikirim untuk ditinjau"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", "x")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def draft(section, editor):
    return make_draft(section, editor, make_author(section.get_site()))


def source(kind="dokumen", name="Laporan BPS 2021", url="", anonymous="", reason=""):
    return {
        "kind": kind,
        "name": name,
        "url": url,
        "anonymous": anonymous,
        "anonymity_reason": reason,
    }


def post(client, draft, sources, story_type="berita", action="action-publish"):
    data = article_form(draft, sources=inline_formset(sources), story_type=story_type)
    if action:
        data[action] = "1"
    return client.post(page_url("edit", draft), data)


def test_a_news_story_without_sources_is_not_published_and_says_what_is_missing(
    editor_client, draft
):
    response = post(editor_client, draft, [])

    assert response.status_code == 200
    text = response.content.decode()
    assert MISSING in text
    assert "“Sumber”" in text and "“Liputan langsung”" in text
    draft.refresh_from_db()
    assert not draft.live


def test_an_analysis_without_sources_is_blocked_too(editor_client, draft):
    response = post(editor_client, draft, [], story_type="analisis")

    assert response.status_code == 200
    assert "Analisis ini belum punya sumber" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_submitting_for_review_without_sources_is_blocked(editor_client, draft):
    response = post(editor_client, draft, [], action="action-submit")

    assert response.status_code == 200
    assert MISSING in response.content.decode()
    draft.refresh_from_db()
    assert draft.current_workflow_state is None


def test_a_deleted_source_does_not_count(editor_client, draft):
    response = post(editor_client, draft, [{**source(), "DELETE": "1"}])

    assert response.status_code == 200
    assert MISSING in response.content.decode()


def test_saving_a_draft_without_sources_is_allowed(editor_client, draft):
    response = post(editor_client, draft, [], action=None)

    assert response.status_code == 302
    assert draft.get_latest_revision_as_object().title == draft.title


def test_an_opinion_piece_needs_no_source(editor_client, draft):
    response = post(editor_client, draft, [], story_type="opini")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_a_story_with_a_source_is_published_and_readers_see_it(editor_client, draft, get):
    response = post(
        editor_client,
        draft,
        [source(), source("kantor-berita", "TASS", "https://tass.com/politics/1382219")],
    )

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.live
    assert [s.name for s in page.sources.all()] == ["Laporan BPS 2021", "TASS"]
    # Kept in the revision, so the next edit starts from them.
    assert len(page.get_latest_revision_as_object().sources.all()) == 2
    html = get(page.url).content.decode()
    assert "Sumber:" in html
    assert "Laporan BPS 2021 (dokumen)" in html
    assert '<a href="https://tass.com/politics/1382219" rel="nofollow noopener"' in html


def test_original_reporting_alone_lets_a_story_go_out(editor_client, draft, get):
    response = post(editor_client, draft, [source("liputan-langsung", "")])

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.live
    assert "Liputan langsung" in get(page.url).content.decode()


def test_a_javascript_link_is_refused_with_a_clear_message(editor_client, draft):
    response = post(editor_client, draft, [source(url="javascript:alert(document.cookie)")])

    assert response.status_code == 200
    assert "Tautan sumber harus alamat web yang diawali http:// atau https://." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert not draft.live
    assert not ArticleSource.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x", "ftp://x.org/a", "//x.org"],
)
def test_other_non_web_links_are_refused(editor_client, draft, url):
    response = post(editor_client, draft, [source(url=url)])

    assert response.status_code == 200
    assert "diawali http:// atau https://" in response.content.decode()
    assert not ArticleSource.objects.exists()


def test_an_anonymous_source_shows_neither_name_nor_reason(editor_client, draft, get):
    response = post(
        editor_client,
        draft,
        [source("wawancara", "Pejabat dinas X", anonymous="on", reason="Takut dipecat")],
    )

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.sources.get().anonymity_reason == "Takut dipecat"
    html = get(page.url).content.decode()
    assert "Sumber anonim" in html
    assert "Pejabat dinas X" not in html and "Takut dipecat" not in html


def test_an_anonymous_source_needs_a_reason(editor_client, draft):
    response = post(editor_client, draft, [source("wawancara", "Pejabat", anonymous="on")])

    assert response.status_code == 200
    assert "Jelaskan mengapa sumber ini dirahasiakan." in response.content.decode()
    assert not ArticleSource.objects.exists()


def test_a_named_source_needs_its_name(editor_client, draft):
    response = post(editor_client, draft, [source("dokumen", "")])

    assert response.status_code == 200
    assert not ArticleSource.objects.exists()
    draft.refresh_from_db()
    assert not draft.live
