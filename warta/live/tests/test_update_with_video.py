"""A live update can carry the newsroom's own video, pushed to readers with its player."""

import pytest

from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.models import LiveEvent
from warta.video.factories import make_clip, make_video
from warta.video.tasks import queue_transcode

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_video(tmp_path):
    video = make_video(make_clip(tmp_path / "banjir.mp4", seconds=2, size="320x240"))
    queue_transcode(video)
    video.refresh_from_db()
    assert video.state == video.State.READY, video.failure_reason
    return video


def test_pushed_update_carries_the_video_player(client, site, ready_video):
    coverage = make_coverage(make_topic(site))
    make_update(
        coverage,
        body=[("video", {"video": ready_video, "caption": "Air setinggi lutut"})],
    )

    event = LiveEvent.objects.get(coverage=coverage, kind="created")
    html = event.message()["html"]
    assert 'class="warta-video"' in html
    assert ready_video.playlist_url in html
    assert "Air setinggi lutut" in html

    page = client.get(coverage.page.relative_url(site), HTTP_HOST=site.hostname)
    text = page.content.decode()
    assert ready_video.playlist_url in text
    # Videos pushed later need the player script already on the page.
    assert "video/player.js" in text
