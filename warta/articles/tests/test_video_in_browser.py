"""The article's video in headless Chromium: poster first, nothing fetched until play."""

import io
import json
import re

import pytest

from warta.articles.factories import make_article
from warta.video.factories import make_clip, make_video
from warta.video.tasks import queue_transcode

pytestmark = pytest.mark.django_db

VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nAir naik di Sentani.\n"
MEDIA_REQUEST = (".m3u8", ".ts", ".mp4", "hls.light.min.js")


@pytest.fixture
def article(section, tmp_path):
    clip = make_clip(tmp_path / "sentani.mp4", seconds=4, size="480x360")
    video = make_video(clip)
    video.captions.save("id.vtt", io.BytesIO(VTT.encode()), save=True)
    queue_transcode(video)
    video.refresh_from_db()
    assert video.state == video.State.READY, video.failure_reason
    return make_article(section, body=[("video", {"video": video, "caption": "Banjir"})])


def open_article(served_page, site, article, init_script=None):
    tab = served_page(site.hostname)
    if init_script:
        tab.add_init_script(init_script)
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(f"http://{site.hostname}{article.relative_url(site)}")
    tab.wait_for_load_state("load")
    return tab


def play_and_wait(tab, seconds=1.0):
    tab.evaluate(
        "() => { const v = document.querySelector('video.warta-video'); v.muted = true;"
        " return v.play().then(() => true); }"
    )
    tab.wait_for_function(
        f"() => document.querySelector('video.warta-video').currentTime > {seconds}", timeout=20_000
    )


def fetched_media(tab):
    return [url for url in tab.requests if url.split("?")[0].endswith(MEDIA_REQUEST)]


def test_video_plays_from_hls_with_nothing_fetched_before_play(served_page, site, article):
    tab = open_article(served_page, site, article)
    video = tab.locator("video.warta-video")
    assert video.get_attribute("preload") == "none"
    assert video.get_attribute("poster").endswith("/poster.jpg")
    assert tab.locator("video.warta-video track[kind=captions]").count() == 1
    assert fetched_media(tab) == []

    play_and_wait(tab)

    fetched = fetched_media(tab)
    assert any(url.endswith(".m3u8") for url in fetched)
    assert any(url.endswith(".ts") for url in fetched)
    assert not any(url.endswith(".mp4") for url in fetched)
    assert tab.blocked == []


def test_without_native_hls_the_pinned_hls_js_is_loaded_on_play(served_page, site, article):
    no_native_hls = (
        "const canPlay = HTMLMediaElement.prototype.canPlayType;"
        "HTMLMediaElement.prototype.canPlayType = function (type) {"
        "  return /mpegurl/i.test(type) ? '' : canPlay.call(this, type); };"
    )
    tab = open_article(served_page, site, article, init_script=no_native_hls)
    assert fetched_media(tab) == []

    play_and_wait(tab)

    fetched = fetched_media(tab)
    assert any(url.endswith("/static/vendor/hls.js/hls.light.min.js") for url in fetched)
    assert any("/240p/" in url and url.endswith(".ts") for url in fetched)
    assert tab.blocked == []


def test_the_page_describes_the_clip_as_a_video_object(get, article):
    html = get(article.url).content.decode()
    blocks = [
        json.loads(data)
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    video = next(b for b in blocks if b.get("@type") == "VideoObject")
    assert video["name"] == "Banjir di Sentani"
    assert video["duration"] == "PT0M4S"
    assert video["thumbnailUrl"][0].endswith("/poster.jpg")
    assert video["contentUrl"].endswith("/fallback.mp4")
