"""Correction notes: written from the admin on a published article, shown, logged, never deleted."""

import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import PageLogEntry

from warta.articles.factories import make_article, make_section, make_site
from warta.people.factories import make_user
from warta.people.roles import EDITOR, REPORTER
from warta.trust.corrections import ADD_ACTION, WITHDRAW_ACTION, add_article_and_log, add_note
from warta.trust.models import CorrectionNote

pytestmark = pytest.mark.django_db

PURGE = "warta.trust.corrections.purge_on_commit"
WRONG = "Yuri Ushakov adalah penasihat kebijakan luar negeri Kremlin, bukan Kanselir Rusia."


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", "x")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(section):
    return make_article(section, title="Putin menanggapi pembicaraan dengan Biden")


def notes_url(page):
    return reverse("trust_corrections", args=(page.pk,))


def add(client, page, kind="koreksi", text=WRONG):
    return client.post(notes_url(page), {"action": "add", "kind": kind, "text": text})


def test_the_article_header_menu_links_to_the_corrections_page(editor_client, article):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content
    assert notes_url(article) in html.decode()
    page = editor_client.get(notes_url(article))
    assert page.status_code == 200
    assert "Catatan baru" in page.content.decode()


def test_an_editor_adds_a_correction_readers_see_at_the_top(editor_client, editor, article, get):
    with mock.patch(PURGE) as purge:
        response = add(editor_client, article)

    assert response.status_code == 302
    note = CorrectionNote.objects.get()
    assert (note.article_id, note.kind, note.text, note.created_by) == (
        article.pk,
        "koreksi",
        WRONG,
        editor,
    )
    purge.assert_called_once_with(add_article_and_log, article.pk)
    html = get(article.url).content.decode()
    top = html[html.index('class="trust-top"') : html.index('class="article-body"')]
    assert "Koreksi" in top and WRONG in top
    assert "WITA" in top  # the site's zone
    assert "1 catatan koreksi" in top
    assert 'href="/koreksi/"' in top


def test_the_purge_covers_the_article_the_log_and_its_feed(article, site):
    batch = PurgeBatch()
    add_article_and_log(batch, article.pk)
    assert sorted(batch.urls) == sorted(
        [article.get_full_url(), f"{site.root_url}/koreksi/", f"{site.root_url}/koreksi/feed/"]
    )


def test_the_note_is_logged_on_the_page_history(editor_client, editor, article):
    add(editor_client, article)

    entry = PageLogEntry.objects.get(page=article, action=ADD_ACTION)
    assert entry.user == editor
    assert entry.data["note"]["text"] == WRONG
    history = editor_client.get(reverse("wagtailadmin_pages:history", args=(article.pk,)))
    assert history.status_code == 200
    assert "Catatan koreksi ditambahkan" in history.content.decode()


def test_a_note_moves_the_modified_time_in_json_ld_feeds_and_sitemaps(
    editor, article, get, json_ld
):
    later = article.last_published_at + timedelta(days=2)
    add_note(article, editor, "pembaruan", "Jumlah korban diperbarui.", created_at=later)

    data = json_ld(get(article.url).content.decode(), "NewsArticle")
    assert datetime.fromisoformat(data["dateModified"]) == later
    assert data["datePublished"] != data["dateModified"]

    feed = get("/feed/json/").json()
    (item,) = [i for i in feed["items"] if i["url"].endswith(article.url)]
    assert datetime.fromisoformat(item["date_modified"]) == later

    sitemap = get("/sitemap-1.xml").content.decode()
    row = re.search(rf"<loc>[^<]*{re.escape(article.url)}</loc>\s*<lastmod>([^<]+)", sitemap)
    assert datetime.fromisoformat(row.group(1)) == later


def test_the_updated_label_shows_the_note_time(editor, article, get):
    later = article.last_published_at + timedelta(days=2)
    add_note(article, editor, "pembaruan", "Jumlah korban diperbarui.", created_at=later)

    html = get(article.url).content.decode()
    assert re.search(
        rf'class="trust-modified">Diperbarui <time datetime="{re.escape(later.isoformat())}"', html
    )


def test_withdrawing_keeps_a_visible_trace_and_is_logged(editor_client, editor, article, get):
    add(editor_client, article)
    note = CorrectionNote.objects.get()

    with mock.patch(PURGE) as purge:
        response = editor_client.post(
            notes_url(article),
            {
                "action": "withdraw",
                "note": note.pk,
                "reason": "Catatan dipasang di berita yang salah.",
            },
        )

    assert response.status_code == 302
    purge.assert_called_once_with(add_article_and_log, article.pk)
    note.refresh_from_db()
    assert note.withdrawn_at and note.withdrawn_by == editor
    assert PageLogEntry.objects.filter(page=article, action=WITHDRAW_ACTION).count() == 1
    html = get(article.url).content.decode()
    assert "Catatan ini ditarik pada" in html
    assert "Catatan dipasang di berita yang salah." in html
    assert f"<s>{WRONG}</s>" in html
    assert "catatan koreksi</a>" not in html  # a withdrawn note is not counted
    log = get("/koreksi/").content.decode()
    assert "Catatan ini ditarik pada" in log and WRONG in log


def test_a_note_cannot_be_withdrawn_twice_or_without_a_reason(editor_client, editor, article):
    note = add_note(article, editor, "koreksi", WRONG)
    url = notes_url(article)

    assert (
        editor_client.post(url, {"action": "withdraw", "note": note.pk, "reason": ""}).status_code
        == 400
    )
    editor_client.post(url, {"action": "withdraw", "note": note.pk, "reason": "Salah pasang."})
    again = editor_client.post(url, {"action": "withdraw", "note": note.pk, "reason": "Lagi."})
    assert again.status_code == 400
    assert "Catatan itu sudah ditarik." in again.content.decode()
    note.refresh_from_db()
    assert note.withdraw_reason == "Salah pasang."


def test_a_note_of_another_article_cannot_be_withdrawn_here(
    editor_client, editor, article, section
):
    other = make_article(section, title="Berita lain")
    note = add_note(other, editor, "koreksi", WRONG)

    response = editor_client.post(
        notes_url(article), {"action": "withdraw", "note": note.pk, "reason": "Coba."}
    )
    assert response.status_code == 400
    assert "Catatan itu bukan milik berita ini." in response.content.decode()
    note.refresh_from_db()
    assert not note.withdrawn


@pytest.mark.parametrize("note", ["abc", "", "99999999999999999999999"])
def test_a_forged_note_id_is_a_400(editor_client, article, note):
    response = editor_client.post(
        notes_url(article), {"action": "withdraw", "note": note, "reason": "Coba."}
    )
    assert response.status_code == 400


def test_there_is_no_way_to_delete_a_note():
    assert not Permission.objects.filter(codename="delete_correctionnote").exists()
    assert Permission.objects.filter(codename="add_correctionnote").exists()


def test_script_in_a_note_is_refused_with_a_clear_message(editor_client, article):
    response = add(editor_client, article, text='Ralat <script>alert("x")</script>')

    assert response.status_code == 400
    assert "tag HTML seperti &lt;script&gt; tidak diizinkan" in response.content.decode()
    assert not CorrectionNote.objects.exists()
    assert not PageLogEntry.objects.filter(action=ADD_ACTION).exists()


def test_script_in_a_stored_note_is_shown_as_text_everywhere(editor, article, get):
    add_note(article, editor, "koreksi", '<script>alert("x")</script>')

    for url in (article.url, "/koreksi/", "/koreksi/feed/"):
        body = get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "&lt;script&gt;alert" in body, url


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "kind": "koreksi", "text": "x" * 2001},
        {"action": "add", "kind": "hapus", "text": "Ralat."},
        {"action": "add", "kind": "koreksi", "text": "   "},
        {"action": "delete", "note": "1"},
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(editor_client, article, data):
    response = editor_client.post(notes_url(article), data)
    assert response.status_code == 400
    assert not CorrectionNote.objects.exists()


def test_notes_go_on_published_articles_only(editor_client, article):
    article.unpublish()

    response = add(editor_client, article)
    assert response.status_code == 400
    assert (
        "Catatan hanya dapat ditambahkan pada berita yang sudah terbit."
        in response.content.decode()
    )
    assert not CorrectionNote.objects.exists()


def test_only_those_who_may_publish_the_article_write_notes(client, article):
    client.force_login(make_user("wartawan", REPORTER))
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    for response in (client.get(notes_url(article)), add(client, article)):
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not CorrectionNote.objects.exists()

    client.force_login(make_user("redaktur", EDITOR))
    assert add(client, article).status_code == 302
    assert CorrectionNote.objects.count() == 1


def test_an_unknown_article_is_a_404(editor_client):
    assert editor_client.get(reverse("trust_corrections", args=(987654,))).status_code == 404


# The public log


def test_the_log_lists_the_sites_notes_newest_first_with_links(editor, article, section, get):
    older = make_article(section, title="Banjir rob di Serangan")
    now = timezone.now()
    add_note(
        older,
        editor,
        "klarifikasi",
        "Lokasi banjir diperjelas.",
        created_at=now - timedelta(days=1),
    )
    add_note(article, editor, "koreksi", WRONG, created_at=now)
    other_site = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    elsewhere = make_article(make_section(other_site, "Papua"), title="Festival Danau Sentani")
    add_note(elsewhere, editor, "koreksi", "Tanggal festival diralat.")
    hidden = make_article(section, title="Berita ditarik")
    add_note(hidden, editor, "koreksi", "Tidak terlihat.")
    hidden.unpublish()

    response = get("/koreksi/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(WRONG) < html.index("Lokasi banjir diperjelas.")
    assert f'href="/internasional/{article.slug}/#trust-note-' in html
    assert "Tanggal festival diralat." not in html
    assert "Tidak terlihat." not in html
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "csrfmiddlewaretoken" not in html


def test_the_log_is_paginated_and_a_bad_page_is_a_404(editor, article, get):
    start = timezone.now() - timedelta(days=30)
    for n in range(21):
        add_note(
            article,
            editor,
            "pembaruan",
            f"Pembaruan nomor {n}.",
            created_at=start + timedelta(hours=n),
        )

    first = get("/koreksi/").content.decode()
    assert "Pembaruan nomor 20." in first and "Pembaruan nomor 0." not in first
    assert 'rel="next" href="?page=2"' in first
    second = get("/koreksi/?page=2").content.decode()
    assert "Pembaruan nomor 0." in second
    assert get("/koreksi/?page=3").status_code == 404
    assert get("/koreksi/?page=abc").status_code == 404


def test_the_feed_has_one_item_per_note_linking_to_the_article(editor, article, get):
    add_note(article, editor, "koreksi", WRONG)

    response = get("/koreksi/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "public" in response["Cache-Control"]
    channel = etree.fromstring(response.content).find("channel")
    (item,) = channel.findall("item")
    assert item.findtext("title") == f"Koreksi: {article.title}"
    assert item.findtext("description") == WRONG
    assert item.findtext("link").startswith(article.get_full_url())
    assert "Koreksi dan pembaruan" in channel.findtext("title")
