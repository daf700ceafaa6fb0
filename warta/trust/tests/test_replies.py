"""Right of reply: the public form and its defences, the editors' queue, published replies."""

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from warta.articles.factories import make_article, make_section, make_site
from warta.people.factories import make_user
from warta.trust import replies
from warta.trust.replies import ReplyRequest

CONTACT = "pembaca.rahasia@example.org"


@pytest.fixture
def article(section, author):
    return make_article(section, "Pelabuhan Padangbai ramai", authors=[author])


@pytest.fixture
def post(client, site):
    """POST the reply form of `article` as if it had been open for a while."""

    def send(article, address="203.0.113.7", **overrides):
        data = {
            "kind": "hak-jawab",
            "requester_name": "I Made Sudarsana",
            "contact": CONTACT,
            "body": "Pernyataan saya dikutip tidak lengkap. Saya tidak menolak rencana itu.",
            "website": "",
            "token": replies.form_token(article.pk, now=time.time() - 30),
        }
        data.update(overrides)
        return client.post(
            reverse("trust-reply-form", args=[article.pk]),
            data,
            HTTP_HOST=site.hostname,
            REMOTE_ADDR=address,
        )

    return send


@pytest.fixture
def editor(db):
    user = make_user("editor-hj", "Editor")
    return user


def test_form_page_is_private_and_article_links_to_it(get, article):
    article_page = get(article.url)
    html = article_page.content.decode()
    form_url = reverse("trust-reply-form", args=[article.pk])
    assert f'href="{form_url}"' in html
    assert "Ajukan hak jawab atau koreksi" in html
    assert "csrfmiddlewaretoken" not in html
    assert "public" in article_page["Cache-Control"]

    form_page = get(form_url)
    assert form_page.status_code == 200
    assert "no-store" in form_page["Cache-Control"]
    assert "private" in form_page["Cache-Control"]
    assert "csrfmiddlewaretoken" in form_page.content.decode()
    assert "Hak jawab atau koreksi" in form_page.content.decode()


def test_submission_queue_publish_linked_both_ways(client, get, post, article, editor):
    response = post(article)
    assert response.status_code == 302
    reply = ReplyRequest.objects.get()
    assert reply.status == ReplyRequest.Status.NEW
    assert re.fullmatch(r"HJ-\d{4}-[2-9A-HJ-NP-Z]{8}", reply.reference)
    assert reply.contact == CONTACT
    assert reply.address_hash and "203.0.113.7" not in reply.address_hash

    receipt = client.get(response["Location"], HTTP_HOST=article.get_site().hostname)
    assert reply.reference in receipt.content.decode()
    assert "no-store" in receipt["Cache-Control"]

    # Not published yet: no public page, no link on the article.
    published_url = reverse("trust-reply-published", args=[reply.reference])
    assert get(published_url).status_code == 404
    assert published_url not in get(article.url).content.decode()

    client.force_login(editor)
    queue = client.get(reverse("trust_reply_queue") + "?status=baru")
    assert queue.status_code == 200
    assert reply.reference in queue.content.decode()
    assert (
        reply.reference
        not in client.get(reverse("trust_reply_queue") + "?status=dimuat").content.decode()
    )
    review_url = reverse("trust_reply_review", args=[reply.pk])
    assert CONTACT in client.get(review_url).content.decode()  # editors see the contact

    # Publishing needs the text readers will see.
    refused = client.post(review_url, {"status": "dimuat", "reply_text": ""})
    assert refused.status_code == 400
    reply.refresh_from_db()
    assert reply.status == ReplyRequest.Status.NEW

    text = "Saya, I Made Sudarsana, tidak menolak rencana perluasan pelabuhan."
    done = client.post(review_url, {"status": "dimuat", "reply_text": text})
    assert done.status_code == 302
    reply.refresh_from_db()
    assert reply.status == ReplyRequest.Status.PUBLISHED and reply.published_at
    client.logout()

    reply_page = get(published_url)
    assert reply_page.status_code == 200
    reply_html = reply_page.content.decode()
    assert text in reply_html
    assert f'href="{urlsplit(article.url).path}"' in reply_html  # reply → article
    assert "public" in reply_page["Cache-Control"]
    article_html = get(article.url).content.decode()
    assert f'href="{published_url}"' in article_html  # article → reply
    for html in (reply_html, article_html):
        assert CONTACT not in html
        assert "Pernyataan saya dikutip" not in html  # the request itself stays internal


def test_publishing_purges_the_article_and_the_reply(
    client, post, article, editor, purge_server, django_capture_on_commit_callbacks
):
    post(article)
    reply = ReplyRequest.objects.get()
    client.force_login(editor)
    url = reverse("trust_reply_review", args=[reply.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "diproses"})
    assert purge_server == []  # nothing public changed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "dimuat", "reply_text": "Tanggapan."})
    host = article.get_site().hostname
    assert (host, urlsplit(article.url).path) in purge_server
    assert (host, reply.get_absolute_url()) in purge_server


def test_rejection_needs_a_reason_that_stays_internal(client, get, post, article, editor):
    post(article)
    reply = ReplyRequest.objects.get()
    client.force_login(editor)
    url = reverse("trust_reply_review", args=[reply.pk])
    response = client.post(url, {"status": "ditolak", "rejection_reason": ""})
    assert response.status_code == 400
    assert "alasan" in response.content.decode()
    client.post(url, {"status": "ditolak", "rejection_reason": "Bukan tentang berita ini."})
    reply.refresh_from_db()
    assert reply.status == ReplyRequest.Status.REJECTED
    client.logout()
    assert get(reply.get_absolute_url()).status_code == 404
    assert "Bukan tentang berita ini" not in get(article.url).content.decode()


def test_queue_is_for_editors_and_admins_only(client, post, article):
    post(article)
    reply = ReplyRequest.objects.get()
    reporter = make_user("reporter-hj", "Reporter")
    client.force_login(reporter)
    assert client.get(reverse("trust_reply_queue")).status_code in (302, 403)
    assert (
        CONTACT not in client.get(reverse("trust_reply_review", args=[reply.pk])).content.decode()
    )
    admin = make_user("admin-hj", "Admin")
    client.force_login(admin)
    assert client.get(reverse("trust_reply_queue")).status_code == 200


def test_throttled_after_five_per_address(post, article):
    for _ in range(replies.THROTTLE_COUNT):
        assert post(article).status_code == 302
    refused = post(article)
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in refused.content.decode()
    assert ReplyRequest.objects.count() == replies.THROTTLE_COUNT
    # Another address is not affected.
    assert post(article, address="198.51.100.20").status_code == 302


def test_honeypot_refused_nothing_stored(post, article):
    response = post(article, website="http://spam.example/")
    assert response.status_code == 400
    assert "Formulir tidak dapat diterima" in response.content.decode()
    assert not ReplyRequest.objects.exists()


def test_too_fast_and_forged_token_refused(post, article, section):
    fast = post(article, token=replies.form_token(article.pk))
    assert fast.status_code == 400
    assert "terlalu cepat" in fast.content.decode()
    other = make_article(section, "Berita lain")
    borrowed = post(article, token=replies.form_token(other.pk, now=time.time() - 30))
    assert borrowed.status_code == 400
    assert post(article, token="rusak").status_code == 400
    old = post(article, token=replies.form_token(article.pk, now=time.time() - 7 * 3600))
    assert old.status_code == 400
    assert "kedaluwarsa" in old.content.decode()
    assert not ReplyRequest.objects.exists()


def test_one_megabyte_body_refused(post, article):
    response = post(article, body="a" * (1024 * 1024))
    assert response.status_code == 413
    assert "terlalu panjang" in response.content.decode()
    assert not ReplyRequest.objects.exists()


def test_body_larger_than_django_reads_is_refused_too(post, article):
    response = post(article, body="a" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert not ReplyRequest.objects.exists()


def test_body_over_limit_refused_with_message(post, article):
    response = post(article, body="b" * (replies.MAX_BODY + 1))
    assert response.status_code == 400
    assert "5000" in response.content.decode()
    assert not ReplyRequest.objects.exists()
    assert post(article, body="b" * replies.MAX_BODY).status_code == 302


def test_bad_contact_refused(post, article):
    response = post(article, contact="<script>alert(1)</script>")
    assert response.status_code == 400
    assert not ReplyRequest.objects.exists()
    assert post(article, contact="+62 812-3456-7890").status_code == 302


def test_forged_or_unpublished_article_id(client, get, site, section, article):
    missing = get(reverse("trust-reply-form", args=[987654]))
    assert missing.status_code == 404
    assert "Artikel tidak ditemukan" in missing.content.decode()
    draft = make_article(section, "Draf")
    draft.unpublish()
    assert get(reverse("trust-reply-form", args=[draft.pk])).status_code == 404
    posted = client.post(
        reverse("trust-reply-form", args=[987654]), {"body": "x"}, HTTP_HOST=site.hostname
    )
    assert posted.status_code == 404
    # An article of another site is not found on this one.
    papua = make_site("PosPapusa", "pospapusa.localhost", "Asia/Jayapura", default=False)
    papua_article = make_article(make_section(papua, "Papua"), "Berita Papua")
    assert get(reverse("trust-reply-form", args=[papua_article.pk])).status_code == 404
    assert not ReplyRequest.objects.exists()


def test_article_page_query_count_is_fixed(get, article, django_assert_max_num_queries, post):
    get(article.url)  # warm Wagtail's caches
    with django_assert_max_num_queries(40) as counted:
        get(article.url)
    before = len(counted.captured_queries)
    for _ in range(3):
        reply = ReplyRequest.objects.create(
            article=article,
            requester_name="A",
            contact=CONTACT,
            body="x",
            status=ReplyRequest.Status.PUBLISHED,
            reply_text="y",
        )
        assert reply.reference
    with django_assert_max_num_queries(before) as counted:
        html = get(article.url).content.decode()
    assert html.count("/hak-jawab/dimuat/") == 3


# --- in a real browser -----------------------------------------------------------


@pytest.fixture
def phone(served_page, site):
    """A small phone with JavaScript off: the form must not need it."""
    return served_page(
        site.hostname, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )


def test_reader_sends_a_reply_from_the_article_on_a_phone(phone, site, article, monkeypatch):
    monkeypatch.setattr(replies, "MIN_FORM_SECONDS", 0)  # the wait is tested above
    artifacts = Path(settings.BASE_DIR) / "test-artifacts" / "trust"
    artifacts.mkdir(parents=True, exist_ok=True)
    phone.goto(f"http://{site.hostname}{article.relative_url(site)}")
    phone.get_by_role("link", name="Ajukan hak jawab atau koreksi").click()
    assert phone.locator("h1").inner_text() == "Hak jawab atau koreksi"
    # The honeypot takes no room a person could see or reach with the keyboard.
    box = phone.locator(".honeypot").bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1
    assert phone.locator("#id_website").get_attribute("tabindex") == "-1"
    phone.get_by_label("Nama").fill("I Made Sudarsana")
    phone.get_by_label("Email atau telepon").fill(CONTACT)
    phone.get_by_label("Hak jawab atau koreksi Anda").fill("Kutipan saya tidak lengkap.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(artifacts / "reply-form-360.png"), full_page=True)
    phone.get_by_role("button", name="Kirim").click()
    assert phone.locator("h1").inner_text() == "Permintaan diterima"
    reply = ReplyRequest.objects.get()
    assert phone.locator(".reference").inner_text() == reply.reference
    assert reply.body == "Kutipan saya tidak lengkap."
    phone.screenshot(path=str(artifacts / "reply-received-360.png"), full_page=True)
    assert phone.blocked == []
