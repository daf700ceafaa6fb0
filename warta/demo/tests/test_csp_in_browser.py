"""Acceptance: with the Content-Security-Policy enforced, every public page type and
the admin pages editors use raise no violation, and still work.

The demo is loaded and served by the real ASGI server (headers as production
sends them, the live stream included). Every page listens for
`securitypolicyviolation` from its first script (an init script) and the
console is read for "Content Security Policy" messages, frames included. A tile
server on another origin stands in for a real one, so map tiles are fetched
through `img-src` exactly as a configured `WARTA_MAP_TILE_URL` would be.
"""

import contextlib
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from wagtail.models import Site

from warta.articles.models import ArticlePage, TopicPage
from warta.core.csp_policy import admin_directives, origin, public_directives
from warta.demo import content
from warta.images.models import WartaImage
from warta.live.backends import reset_broadcaster
from warta.live.models import LiveUpdate
from warta.live.tests.server import asgi_server, committed_db, restore_migration_data  # noqa: F401
from warta.people.models import AuthorPage

TIMEOUT_MS = 20_000
BALI = "balicitizen.localhost"
PAPUA = "pospapusa.localhost"

WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push([e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample]
    .join(" "));
});
"""
NO_NATIVE_HLS = """
const canPlay = HTMLMediaElement.prototype.canPlayType;
HTMLMediaElement.prototype.canPlayType = function (type) {
  return /mpegurl/i.test(type) ? "" : canPlay.call(this, type);
};
"""


@pytest.fixture
def tile_server():
    """Answers every tile request with a 256 px PNG; yields (url template, hits)."""
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (170, 211, 223)).save(buffer, "PNG")
    png, hits = buffer.getvalue(), []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # the HTTP method's name, as http.server spells it
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def demo_site(committed_db, settings, tile_server):  # noqa: F811
    settings.WARTA_LIVE_BROADCASTER = {
        "BACKEND": "warta.live.backends.inprocess.InProcessBroadcaster"
    }
    reset_broadcaster()
    tile_url, _ = tile_server
    # What warta/settings.py builds from WARTA_MAP_TILE_URL (test_csp.py checks that).
    settings.WARTA_MAP_TILE_URL = tile_url
    settings.WARTA_MAP_TILE_ATTRIBUTION = "Ubin uji"
    sources = {"tiles": [origin(tile_url)]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": public_directives(**sources)}
    settings.WARTA_CSP_ADMIN_DIRECTIVES = admin_directives(**sources)
    call_command("load_demo", port=80, stdout=io.StringIO(), stderr=io.StringIO())
    yield
    reset_broadcaster()


class Watched:
    """A browser context whose pages record CSP violations and console errors."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.context.add_init_script(WATCH_VIOLATIONS)
        self.console = []
        self.tab = self.new_tab()

    def new_tab(self):
        tab = self.context.new_page()
        tab.on("console", lambda m: self.console.append(f"{tab.url}: {m.type}: {m.text}"))
        tab.on("pageerror", lambda e: self.console.append(f"{tab.url}: pageerror: {e}"))
        return tab

    def violations(self, tab=None):
        tab = tab or self.tab
        found = [f"{tab.url}: {v}" for v in tab.evaluate("window.__csp || []")]
        for frame in tab.frames[1:]:
            # A frame gone is a frame without violations.
            with contextlib.suppress(PlaywrightError):
                found += [f"{frame.url}: {v}" for v in frame.evaluate("window.__csp || []")]
        found += [line for line in self.console if "Content Security Policy" in line]
        return found

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    opened = []

    def open_context(**options):
        context = Watched(browser, **options)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def public_paths():
    bali = Site.objects.get(hostname=BALI)
    papua = Site.objects.get(hostname=PAPUA)

    def url(page, site=bali):
        return page.relative_url(site)

    bali_articles = ArticlePage.objects.live().descendant_of(bali.root_page)
    photo = bali_articles.filter(lead_image__isnull=False).first()
    video = next(
        page
        for page in ArticlePage.objects.live().descendant_of(papua.root_page)
        if any(block.block_type == "video" for block in page.body)
    )
    live_topic = TopicPage.objects.live().descendant_of(bali.root_page).get(slug="sampah-plastik")
    author = AuthorPage.objects.live().descendant_of(bali.root_page).first()
    factcheck = bali_articles.filter(story_type="cek-fakta").first()
    section = photo.get_parent()
    return {
        "home": (BALI, "/"),
        "section": (BALI, url(section)),
        "article with photo": (BALI, url(photo)),
        "article with video": (PAPUA, url(video, papua)),
        "topic index": (BALI, url(live_topic.get_parent())),
        "live coverage": (BALI, url(live_topic)),
        "author": (BALI, url(author)),
        "authors": (BALI, url(author.get_parent())),
        "tag": (BALI, "/tag/sampah/"),
        "search": (BALI, "/cari/?q=pantai"),
        "fact-check index": (BALI, reverse("trust-factcheck-index")),
        "fact-check": (BALI, url(factcheck)) if factcheck else None,
        "corrections": (BALI, reverse("trust-corrections")),
        "reply form": (BALI, f"/hak-jawab/{photo.pk}/"),
        "peta": (BALI, "/peta/"),
        "api docs": (BALI, "/api/v1/docs/"),
        "not found": (BALI, "/tidak-ada-halaman-ini/"),
    }


@pytest.mark.usefixtures("demo_site")
def test_every_public_page_type_works_without_a_csp_violation(
    watched,
    asgi_server,  # noqa: F811
    tile_server,
):
    _, tile_hits = tile_server
    reader = watched(viewport={"width": 390, "height": 844})
    tab = reader.tab
    paths = {name: where for name, where in public_paths().items() if where}
    assert "fact-check" in paths, "the demo has a Cek Fakta"
    for name, (host, path) in paths.items():
        response = tab.goto(f"http://{host}:{asgi_server}{path}")
        expected = 404 if name == "not found" else 200
        assert response.status == expected, (name, response.status)
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        tab.wait_for_load_state("networkidle")
        # The one inline script (hashed) ran; the API docs (django-ninja's) have none.
        has_js_class = tab.evaluate("document.documentElement.classList.contains('js')")
        assert has_js_class is (name != "api docs"), name
        if name == "peta":
            expect(tab.locator("[data-coverage-map][data-outline='ready']")).to_be_attached(
                timeout=TIMEOUT_MS
            )
            assert tab.locator(".leaflet-outline-pane path").count() >= 30
            expect(tab.locator("img.leaflet-tile-loaded").first).to_be_attached(timeout=TIMEOUT_MS)
            expect(tab.locator(".leaflet-marker-icon").first).to_be_visible(timeout=TIMEOUT_MS)
            assert tile_hits
        if name == "article with photo":
            image = tab.locator("main picture img").first
            assert image.evaluate("img => img.complete && img.naturalWidth > 0"), name
            assert tab.locator("[data-share], .share").count() >= 1
        if name == "search":
            assert tab.locator("main a[href*='/']").count() > 0
        if name == "api docs":
            expect(tab.locator(".swagger-ui .info .title")).to_contain_text(
                "Warta API", timeout=TIMEOUT_MS
            )
        if name == "live coverage":
            expect(tab.locator(".live-coverage")).to_have_attribute(
                "data-connected", "1", timeout=TIMEOUT_MS
            )
        assert reader.violations() == [], name

    # A live update arrives on the open page through the stream.
    tab.goto(f"http://{BALI}:{asgi_server}{paths['live coverage'][1]}")
    expect(tab.locator(".live-coverage")).to_have_attribute(
        "data-connected", "1", timeout=TIMEOUT_MS
    )
    post_update("Truk sampah tambahan dikerahkan ke Kuta")
    expect(tab.locator(".live-updates")).to_contain_text("Truk sampah tambahan", timeout=TIMEOUT_MS)
    assert reader.violations() == []

    # The video plays: natively, and through the pinned hls.js (MSE, its worker).
    host, path = paths["article with video"]
    for init_script in (None, NO_NATIVE_HLS):
        player = reader.new_tab()
        if init_script:
            player.add_init_script(init_script)
        player.goto(f"http://{host}:{asgi_server}{path}")
        video = player.locator("video.warta-video")
        assert video.get_attribute("controls") is not None
        player.evaluate(
            "() => { const v = document.querySelector('video.warta-video'); v.muted = true;"
            " return v.play().then(() => true); }"
        )
        player.wait_for_function(
            "() => document.querySelector('video.warta-video').currentTime > 1", timeout=TIMEOUT_MS
        )
        if init_script:
            assert player.evaluate("!!window.Hls"), "hls.js was loaded"
        assert reader.violations(player) == [], init_script
        player.close()
    assert [line for line in reader.console if "pageerror" in line] == []


def post_update(headline):
    from wagtail.rich_text import RichText

    from warta.live import services as live
    from warta.live.models import LiveCoverage

    coverage = LiveCoverage.objects.get(page__slug="sampah-plastik")
    live.post(
        LiveUpdate(coverage=coverage, headline=headline, body=[("text", RichText("<p>Uji.</p>"))])
    )


def log_in(tab, base):
    tab.goto(f"{base}/admin/login/")
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", content.DEMO_PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/admin/$"))


def jpeg_file(tmp_path):
    path = tmp_path / "pasar-badung.jpg"
    Image.new("RGB", (800, 600), (120, 90, 60)).save(path, "JPEG")
    return path


@pytest.mark.usefixtures("demo_site")
def test_the_admin_pages_editors_use_work_without_a_csp_violation(
    watched,
    asgi_server,  # noqa: F811
    tmp_path,
):
    base = f"http://127.0.0.1:{asgi_server}"
    editor = watched(viewport={"width": 1280, "height": 900})
    tab = editor.tab
    log_in(tab, base)
    assert editor.violations() == [], "login and dashboard"

    # Page edit: the form (its tabs, Draftail, the place picker, InlinePanels)
    # loads, the preview panel renders the page, and a draft saves.
    article = ArticlePage.objects.live().filter(lead_image__isnull=False).first()
    revisions = article.revisions.count()
    tab.goto(f"{base}/admin/pages/{article.pk}/edit/")
    expect(tab.locator("#id_title")).to_be_visible(timeout=TIMEOUT_MS)
    expect(tab.locator("[data-place-picker] .leaflet-overlay-pane path").first).to_be_attached(
        timeout=TIMEOUT_MS
    )
    tab.fill("#id_title", article.title + " (diperbarui)")
    tab.locator("[data-side-panel-toggle='preview']").click()
    preview = tab.frame_locator("iframe[id$='preview-iframe'], .preview-panel iframe").first
    expect(preview.locator("h1")).to_contain_text("(diperbarui)", timeout=TIMEOUT_MS)
    tab.locator("button.action-save").first.click()
    expect(tab.locator(".messages")).to_contain_text("telah diperbarui", timeout=TIMEOUT_MS)
    assert article.revisions.count() == revisions + 1
    assert editor.violations() == [], "page edit"

    # Image upload (multiple uploader: drag-and-drop area, XHR, previews).
    images = WartaImage.objects.count()
    tab.goto(f"{base}/admin/images/multiple/add/")
    tab.locator("input[type=file]").first.set_input_files(str(jpeg_file(tmp_path)))
    expect(tab.locator("#upload-list li").first).to_contain_text("pasar-badung", timeout=TIMEOUT_MS)
    expect(tab.locator("#upload-list li.upload-success").first).to_be_attached(timeout=TIMEOUT_MS)
    assert WartaImage.objects.count() == images + 1
    assert editor.violations() == [], "image upload"

    # The map picker on an image: outline, a click puts the marker.
    image = WartaImage.objects.order_by("-pk").first()
    tab.goto(f"{base}/admin/images/{image.pk}/")
    picker = tab.locator("[data-place-picker]")
    expect(picker.locator(".leaflet-overlay-pane path").first).to_be_attached(timeout=TIMEOUT_MS)
    picker.locator("[data-place-map]").click(position={"x": 80, "y": 80})
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(1, timeout=TIMEOUT_MS)
    assert editor.violations() == [], "map picker"

    # Video listing.
    tab.goto(f"{base}{reverse('wagtailsnippets_video_video:list')}")
    expect(tab.locator("main table")).to_contain_text("Parade perahu hias", timeout=TIMEOUT_MS)
    assert editor.violations() == [], "video listing"

    # Live posting, arriving on a reader's open page.
    topic = TopicPage.objects.get(slug="sampah-plastik")
    reader = watched()
    reader.tab.goto(f"http://{BALI}:{asgi_server}{topic.relative_url(topic.get_site())}")
    expect(reader.tab.locator(".live-coverage")).to_have_attribute(
        "data-connected", "1", timeout=TIMEOUT_MS
    )
    tab.goto(f"{base}/admin/live/{topic.pk}/")
    tab.fill("input[name=headline]", "Posko pengaduan dibuka")
    text_box = tab.locator("[data-contentpath=body] .public-DraftEditor-content").first
    text_box.click()
    text_box.press_sequentially("Warga bisa melapor timbunan sampah.")
    tab.wait_for_function(
        "() => document.querySelector('[name=\"body-0-value\"]').value.includes('timbunan')",
        timeout=TIMEOUT_MS,
    )
    tab.click("form[data-live-post-form] button[type=submit]")
    expect(tab.locator(".messages")).to_contain_text("Pembaruan diposting.", timeout=TIMEOUT_MS)
    expect(reader.tab.locator(".live-updates")).to_contain_text(
        "Posko pengaduan dibuka", timeout=TIMEOUT_MS
    )
    assert editor.violations() == [], "live posting"
    assert reader.violations() == [], "live reader"
