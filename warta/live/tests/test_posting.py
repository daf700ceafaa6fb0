"""Posting from the admin: one short form, approval for reporters, bad input refused."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from warta.live.blocks import MAX_BODY_CHARS
from warta.live.factories import make_update
from warta.live.models import LiveEvent, LiveUpdate


def post_data(text="<p>Air mulai surut di Denpasar.</p>", **fields):
    body = [("text", rich_text(text))] if text is not None else []
    return nested_form_data({"action": "post", "body": streamfield(body), **fields})


def denied(response):
    """Wagtail answers a refused admin action by sending the user to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


@pytest.fixture
def coverage_url(coverage):
    return reverse("live_coverage", args=[coverage.page_id])


def test_editor_posts_an_update_that_readers_see_at_once(client, editor, coverage, coverage_url):
    client.force_login(editor)
    response = client.post(coverage_url, post_data(headline="Air surut", key_event="on"))

    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert update.approved and update.key_event and update.author == editor
    event = LiveEvent.objects.get()
    assert event.kind == "created" and event.update_id == update.pk
    assert "Air mulai surut di Denpasar." in event.data["html"]


def test_the_form_is_on_the_coverage_admin_page_above_the_updates(
    client, editor, coverage, coverage_url
):
    make_update(coverage, "Dari impor, tanpa penulis.")
    make_update(coverage, "Menunggu.", author=editor, approved=False)
    client.force_login(editor)
    response = client.get(coverage_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('data-contentpath="body"') < html.index("Dari impor, tanpa penulis.")
    assert "Menunggu persetujuan" in html


def test_reporters_update_waits_for_an_editors_approval(
    client, reporter, editor, coverage, coverage_url
):
    client.force_login(reporter)
    client.post(coverage_url, post_data())
    update = LiveUpdate.objects.get()
    assert not update.approved
    assert not LiveEvent.objects.exists()

    approve = reverse("live_approve", args=[update.pk])
    assert denied(client.post(approve))

    client.force_login(editor)
    assert client.post(approve).status_code == 302
    update.refresh_from_db()
    assert update.approved
    assert LiveEvent.objects.get().kind == "created"


def test_without_required_approval_reporters_publish_directly(
    client, reporter, coverage, coverage_url
):
    coverage.require_approval = False
    coverage.save()
    client.force_login(reporter)
    client.post(coverage_url, post_data())
    assert LiveUpdate.objects.get().approved


def test_an_empty_update_is_refused_with_a_message_and_nothing_saved(
    client, editor, coverage, coverage_url
):
    client.force_login(editor)
    for data in (post_data(text=None), post_data(text="")):
        response = client.post(coverage_url, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Pembaruan tidak diposting." in html
        assert "Tulis sesuatu sebelum memposting pembaruan." in html
    assert not LiveUpdate.objects.exists()
    assert not LiveEvent.objects.exists()


def test_a_huge_update_is_refused_and_the_typed_text_kept(client, editor, coverage, coverage_url):
    client.force_login(editor)
    text = "<p>" + "kata " * (MAX_BODY_CHARS // 4) + "</p>"
    response = client.post(coverage_url, post_data(text=text, headline="Judul yang diketik"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pembaruan terlalu panjang" in html
    assert "Judul yang diketik" in html
    assert not LiveUpdate.objects.exists()


def test_script_in_text_never_reaches_readers(client, editor, coverage, coverage_url):
    client.force_login(editor)
    client.post(coverage_url, post_data(text='<p>Aman</p><script>alert("x")</script>'))
    html = LiveEvent.objects.get().data["html"]
    assert "Aman" in html and "<script" not in html


def test_an_unknown_page_is_a_404(client, editor, coverage):
    client.force_login(editor)
    assert client.get(reverse("live_coverage", args=[999999])).status_code == 404
    assert client.post(reverse("live_edit", args=[999999])).status_code == 404


def test_pages_other_than_topics_and_articles_take_no_coverage(client, editor, site):
    client.force_login(editor)
    assert client.get(reverse("live_coverage", args=[site.root_page_id])).status_code == 404


def test_editor_starts_and_ends_a_coverage(client, editor, topic):
    client.force_login(editor)
    url = reverse("live_coverage", args=[topic.pk])
    client.post(url, {"action": "start"})
    client.post(url, {"action": "status", "status": "ended"})
    coverage = topic.live_coverage
    assert coverage.status == "ended" and coverage.ended_at is not None
    assert LiveEvent.objects.get().data["status"] == "ended"


def test_reporter_cannot_start_a_coverage(client, reporter, topic):
    client.force_login(reporter)
    response = client.post(reverse("live_coverage", args=[topic.pk]), {"action": "start"})
    assert denied(response)
    assert not LiveEvent.objects.exists()


def test_editor_edits_and_deletes_an_update(client, editor, coverage, coverage_url):
    client.force_login(editor)
    client.post(coverage_url, post_data())
    update = LiveUpdate.objects.get()

    response = client.post(
        reverse("live_edit", args=[update.pk]), post_data(text="<p>Koreksi.</p>", pinned="on")
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.pinned

    assert client.post(reverse("live_delete", args=[update.pk])).status_code == 302
    assert not LiveUpdate.objects.exists()
    kinds = list(LiveEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["created", "edited", "deleted"]
    assert "Koreksi." in LiveEvent.objects.get(kind="edited").data["html"]


def test_reporter_cannot_edit_an_approved_update(client, reporter, editor, coverage):
    update = make_update(coverage, author=reporter)
    client.force_login(reporter)
    assert denied(client.get(reverse("live_edit", args=[update.pk])))
    assert denied(client.post(reverse("live_delete", args=[update.pk])))
    assert LiveUpdate.objects.filter(pk=update.pk).exists()


def test_the_page_editor_links_to_the_coverage_of_topics_only(client, editor, topic, site):
    client.force_login(editor)
    url = reverse("live_coverage", args=[topic.pk])
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[topic.pk])).content.decode()
    home = reverse("wagtailadmin_pages:edit", args=[site.root_page_id])
    assert "/admin/live/" not in client.get(home).content.decode()
