"""The reader's side in a real browser: a reader who has scrolled down is not moved
but offered "N pembaruan baru"; a reader who turned live updates off checks by hand."""

import pytest
from playwright.sync_api import expect

from warta.articles.factories import make_site
from warta.live.backends import reset_broadcaster
from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.tests.server import asgi_server, committed_db, restore_migration_data  # noqa: F401

TIMEOUT_MS = 10_000


@pytest.fixture
def coverage(settings, committed_db):  # noqa: F811
    settings.WARTA_LIVE_BROADCASTER = {
        "BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster"
    }
    reset_broadcaster()
    topic = make_topic(make_site())
    coverage = make_coverage(topic)
    for n in range(15):
        make_update(coverage, f"Pembaruan lama {n}. " + "Kalimat panjang. " * 30)
    yield coverage
    reset_broadcaster()


def open_reader(browser, port):
    context = browser.new_context(viewport={"width": 390, "height": 700})
    tab = context.new_page()
    tab.goto(f"http://balicitizen.localhost:{port}/topik/banjir-bali/")
    expect(tab.locator(".live-coverage")).to_have_attribute(
        "data-connected", "1", timeout=TIMEOUT_MS
    )
    return context, tab


def test_a_reader_who_scrolled_down_gets_a_button_not_a_jump(
    browser,
    coverage,
    asgi_server,  # noqa: F811
):
    context, tab = open_reader(browser, asgi_server)
    try:
        tab.mouse.wheel(0, 3000)
        tab.wait_for_function("() => window.scrollY > 2000")
        scrolled = tab.evaluate("window.scrollY")
        make_update(coverage, "Kabar paling baru.")
        make_update(coverage, "Kabar kedua.")
        button = tab.locator(".live-new")
        expect(button).to_have_text("2 pembaruan baru", timeout=TIMEOUT_MS)
        assert abs(tab.evaluate("window.scrollY") - scrolled) < 5
        expect(tab.locator(".live-updates")).not_to_contain_text("Kabar paling baru.")

        button.click()
        expect(tab.locator(".live-update").first).to_contain_text("Kabar kedua.")
        expect(button).to_be_hidden()
    finally:
        context.close()


def test_a_reader_who_turned_live_updates_off_checks_by_hand(
    browser,
    coverage,
    asgi_server,  # noqa: F811
):
    context, tab = open_reader(browser, asgi_server)
    try:
        toggle = tab.locator(".live-toggle")
        toggle.click()
        expect(toggle).to_have_text("Pembaruan langsung: mati")
        expect(tab.locator(".live-coverage")).to_have_attribute("data-connected", "0")
        check = tab.locator(".live-check")
        check.click()
        expect(tab.locator(".live-check-result")).to_have_text("Tidak ada pembaruan baru")

        make_update(coverage, "Diperiksa dengan tangan.")
        tab.wait_for_timeout(500)
        expect(tab.locator(".live-updates")).not_to_contain_text("Diperiksa dengan tangan.")
        check.click()
        expect(tab.locator(".live-update").first).to_contain_text("Diperiksa dengan tangan.")

        # The choice is remembered in this browser, not on the (cached) page.
        tab.reload()
        expect(tab.locator(".live-toggle")).to_have_text("Pembaruan langsung: mati")
    finally:
        context.close()
