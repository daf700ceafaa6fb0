"""Acceptance: a reader's open page shows an update posted in the admin, then its
edit and its deletion, without reload, with each broadcaster."""

import re

import pytest
from playwright.sync_api import expect

from warta.articles.factories import make_site
from warta.live.backends import reset_broadcaster
from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.tests.redis_server import redis_broadcaster_settings
from warta.live.tests.server import asgi_server, committed_db, restore_migration_data  # noqa: F401
from warta.people.factories import make_user
from warta.people.roles import EDITOR

PASSWORD = "kata-sandi-uji-7"
TIMEOUT_MS = 10_000


@pytest.fixture(params=["inprocess", "redis"])
def broadcaster(request, settings):
    if request.param == "redis":
        settings.WARTA_LIVE_BROADCASTER = redis_broadcaster_settings()
    else:
        settings.WARTA_LIVE_BROADCASTER = {
            "BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster"
        }
    reset_broadcaster()
    yield request.param
    reset_broadcaster()


@pytest.fixture
def newsroom(broadcaster, committed_db):  # noqa: F811
    site = make_site()
    topic = make_topic(site)
    coverage = make_coverage(topic)
    make_update(coverage, "Warga mulai mengungsi.", headline="Pengungsian dimulai")
    editor = make_user("redaktur", EDITOR)
    editor.set_password(PASSWORD)
    editor.save()
    return topic, coverage


def log_in(tab, base):
    tab.goto(f"{base}/admin/login/")
    tab.fill("input[name=username]", "redaktur")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/admin/$"))


def test_posted_edited_and_deleted_updates_reach_an_open_reader_page(
    browser,
    newsroom,
    asgi_server,  # noqa: F811
):
    topic, coverage = newsroom
    reader_base = f"http://balicitizen.localhost:{asgi_server}"
    admin_base = f"http://127.0.0.1:{asgi_server}"
    reader_context = browser.new_context()
    admin_context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        reader = reader_context.new_page()
        reader.goto(f"{reader_base}/topik/banjir-bali/")
        updates = reader.locator(".live-updates")
        expect(updates).to_contain_text("Warga mulai mengungsi.")
        expect(reader.locator(".live-coverage")).to_have_attribute(
            "data-connected", "1", timeout=TIMEOUT_MS
        )

        # An editor posts from a phone-sized screen.
        admin = admin_context.new_page()
        log_in(admin, admin_base)
        admin.goto(f"{admin_base}/admin/live/{topic.pk}/")
        admin.fill("input[name=headline]", "Tanggul Tukad Badung jebol")
        text_box = admin.locator("[data-contentpath=body] .public-DraftEditor-content").first
        text_box.click()
        text_box.press_sequentially("Air setinggi lutut di Jalan Gatot Subroto.")
        # Draftail saves its content to the form a moment after the last keystroke.
        admin.wait_for_function(
            "() => document.querySelector('[name=\"body-0-value\"]').value.includes('setinggi')"
        )
        admin.click("form[data-live-post-form] button[type=submit]")
        expect(admin.locator(".messages")).to_contain_text("Pembaruan diposting.")

        posted = updates.locator(".live-update").first
        expect(posted).to_contain_text("Tanggul Tukad Badung jebol", timeout=TIMEOUT_MS)
        expect(posted).to_contain_text("Air setinggi lutut")
        update_id = posted.get_attribute("data-update")
        # "Last updated" follows the new update.
        expect(reader.locator(".live-modified time")).to_have_attribute(
            "datetime", posted.locator("time").get_attribute("datetime")
        )

        # The edit replaces it in place.
        admin.goto(f"{admin_base}/admin/live/update/{update_id}/edit/")
        admin.fill("input[name=headline]", "Tanggul Tukad Badung jebol 20 meter")
        admin.click("form[data-live-edit-form] button[type=submit]")
        expect(reader.locator(f"#update-{update_id}")).to_contain_text(
            "jebol 20 meter", timeout=TIMEOUT_MS
        )

        # The deletion removes it.
        admin.goto(f"{admin_base}/admin/live/update/{update_id}/delete/")
        admin.click("form[data-live-delete-form] button[type=submit]")
        expect(reader.locator(f"#update-{update_id}")).to_have_count(0, timeout=TIMEOUT_MS)
        expect(updates).to_contain_text("Warga mulai mengungsi.")
    finally:
        reader_context.close()
        admin_context.close()
