"""/corrections: the notes readers see on published, public articles, newest first."""

from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import PageViewRestriction

from warta.articles.factories import make_article, make_section, make_site
from warta.trust.models import CorrectionNote, NoteKind

pytestmark = pytest.mark.django_db

T0 = datetime(2024, 3, 1, 2, 0, tzinfo=UTC)


def note(article, text, kind=NoteKind.CORRECTION, at=T0, **fields):
    return CorrectionNote.objects.create(
        article=article, kind=kind, text=text, created_at=at, **fields
    )


def texts(response):
    assert response.status_code == 200, response.data
    return [item["text"] for item in response.data["items"]]


def test_notes_on_public_articles_are_listed_newest_first(api, site, article):
    note(article, "Nama desa salah ditulis.", at=T0)
    note(article, "Angka korban diperbarui.", kind=NoteKind.UPDATE, at=T0 + timedelta(hours=1))
    response = api("corrections")
    assert texts(response) == ["Angka korban diperbarui.", "Nama desa salah ditulis."]
    first = response.data["items"][0]
    assert first["kind"] == "pembaruan"
    assert first["kind_label"] == "Pembaruan"
    assert first["site"] == site.pk
    assert first["article"] == {
        "id": article.pk,
        "title": article.title,
        "url": article.get_full_url(),
    }
    assert first["withdrawn_at"] is None and first["withdraw_reason"] == ""


def test_a_withdrawn_note_stays_with_when_and_why(api, article):
    note(
        article,
        "Koreksi yang keliru.",
        withdrawn_at=T0 + timedelta(days=1),
        withdraw_reason="Koreksi ini sendiri salah.",
    )
    (item,) = api("corrections").data["items"]
    assert item["withdrawn_at"] == "2024-03-02T02:00:00Z"
    assert item["withdraw_reason"] == "Koreksi ini sendiri salah."


def test_notes_on_drafts_private_articles_and_other_sites_are_not_listed(api, site, section):
    shown = make_article(section, title="Terbit")
    note(shown, "Terlihat.")
    draft = make_article(section, title="Ditarik")
    draft.unpublish()
    note(draft, "Pada draf.")
    private = make_article(section, title="Rahasia")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    note(private, "Pada halaman tertutup.")
    other = make_site(name="LAIN", hostname="lain.localhost", default=False)
    note(make_article(make_section(other, "Lain")), "Situs lain.")
    assert texts(api("corrections")) == ["Terlihat."]
    assert texts(api(f"corrections?site={other.pk}")) == ["Situs lain."]


def test_since_takes_notes_written_or_withdrawn_from_then(api, article):
    note(article, "Lama.", at=T0 - timedelta(days=10))
    note(article, "Lama, ditarik baru.", at=T0 - timedelta(days=9), withdrawn_at=T0)
    note(article, "Baru.", at=T0 + timedelta(minutes=1))
    assert texts(api("corrections?since=2024-03-01T02:00:00Z")) == [
        "Baru.",
        "Lama, ditarik baru.",
    ]
    # Without an offset the time is UTC; with one it is converted.
    assert texts(api("corrections?since=2024-03-01T10:00:01%2B08:00")) == ["Baru."]
    assert api("corrections?since=kemarin").status_code == 422


def test_a_long_list_comes_in_cursor_pages_and_caches_revalidate(api, article):
    for minute in range(5):
        note(article, f"Catatan {minute}", at=T0 + timedelta(minutes=minute))
    first = api("corrections?limit=2")
    assert texts(first) == ["Catatan 4", "Catatan 3"]
    cursor = first.data["next_cursor"]
    second = api(f"corrections?limit=2&cursor={cursor}")
    assert texts(second) == ["Catatan 2", "Catatan 1"]
    last = api(f"corrections?limit=2&cursor={second.data['next_cursor']}")
    assert texts(last) == ["Catatan 0"] and last.data["next"] is None
    again = api("corrections?limit=2", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "public" in first["Cache-Control"]
    assert api("corrections?cursor=palsu").status_code == 400
    assert api("corrections?kind=koreksi").status_code == 400
