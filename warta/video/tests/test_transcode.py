"""Transcoding real clips: a playable ladder, an MP4, a poster; lowest rung out first."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from warta.video import ffmpeg, pipeline
from warta.video.factories import make_clip, make_video
from warta.video.models import Video
from warta.video.tasks import queue_transcode

pytestmark = pytest.mark.django_db


def decodes_fully(path):
    """Decode every frame; return ffmpeg's error output (empty when the file is sound)."""
    result = subprocess.run(
        [ffmpeg.ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0
    return result.stderr.decode()


def output(video, name):
    return Path(settings.MEDIA_ROOT) / video.output_prefix / name


@pytest.fixture
def clip(tmp_path):
    # A phone clip that records where it was filmed.
    return make_clip(
        tmp_path / "banjir.mp4",
        seconds=3,
        size="640x360",
        extra=["-metadata", "location=-02.5333+140.7166/", "-metadata", "make=PhoneMaker"],
    )


def test_transcode_publishes_a_playable_ladder_with_audio_an_mp4_and_a_poster(clip):
    video = make_video(clip)
    queue_transcode(video)  # the immediate backend runs the task now

    video.refresh_from_db()
    assert video.state == Video.State.READY, video.failure_reason
    assert video.progress == 100 and video.attempts == 1
    assert (video.width, video.height) == (640, 360)
    assert video.duration == pytest.approx(3, abs=0.1)
    assert video.rungs == ["240p", "360p"]

    master = output(video, video.playlist_name).read_text()
    assert master.index("240p/index.m3u8") < master.index("360p/index.m3u8")
    assert "RESOLUTION=426x240" in master and "RESOLUTION=640x360" in master
    for rung, size in (("240p", (426, 240)), ("360p", (640, 360))):
        playlist = output(video, f"{rung}/index.m3u8")
        found = ffmpeg.probe(playlist, ffmpeg.OWN_HLS_FORMATS)
        assert (found.video.codec, found.video.width, found.video.height) == ("h264", *size)
        assert found.has_audio
        assert found.duration == pytest.approx(3, abs=0.3)
        assert decodes_fully(playlist) == ""

    fallback = ffmpeg.probe(output(video, "fallback.mp4"))
    assert fallback.video.height == 360 and fallback.has_audio
    assert fallback.duration == pytest.approx(3, abs=0.3)
    assert ffmpeg.probe(output(video, "poster.jpg"), "image2,jpeg_pipe").video is not None


def test_no_output_keeps_the_source_location_or_device(clip):
    assert "140.7166" in probe_text(clip)
    video = make_video(clip)
    queue_transcode(video)
    video.refresh_from_db()

    for name in ("fallback.mp4", "240p/index.m3u8", "360p/seg_0000.ts", "poster.jpg"):
        text = probe_text(output(video, name))
        assert "140.7166" not in text and "PhoneMaker" not in text, name


def probe_text(path):
    result = subprocess.run(
        [ffmpeg.ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, timeout=60
    )
    return result.stderr.decode()


def test_the_lowest_rung_is_playable_before_the_others_are_encoded(clip, monkeypatch):
    seen = []
    real_encode = pipeline.encode

    def encode(source, probe, rungs, out, duration, progress):
        video = Video.objects.get()
        seen.append(([r.name for r in rungs], video.playlist_name, video.state))
        if video.playlist_name:
            assert output(video, video.playlist_name).exists()
            assert output(video, "240p/index.m3u8").exists()
        return real_encode(source, probe, rungs, out, duration, progress)

    monkeypatch.setattr(pipeline, "encode", encode)
    video = make_video(clip)
    queue_transcode(video)

    assert seen == [(["240p"], "", "processing"), (["360p"], "master-1.m3u8", "processing")]
    video.refresh_from_db()
    assert video.playlist_name == "master-2.m3u8"


def test_a_damaged_source_fails_with_a_reason_and_leaves_no_output(tmp_path):
    bad = tmp_path / "rusak.mp4"
    bad.write_bytes(b"not a video at all\n" * 100)
    video = make_video(bad)
    result = queue_transcode(video)

    assert result.return_value == "failed"
    video.refresh_from_db()
    assert video.state == Video.State.FAILED
    assert video.failure_reason == "Berkas tidak dapat dibaca sebagai video."
    assert not (Path(settings.MEDIA_ROOT) / "video" / "public" / str(video.pk)).exists()


def test_repeated_failures_stop_with_a_visible_reason(clip, monkeypatch):
    def broken_encode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "encode", broken_encode)
    video = make_video(clip)
    queue_transcode(video)

    video.refresh_from_db()
    assert video.state == Video.State.FAILED
    assert video.attempts == settings.WARTA_VIDEO_MAX_ATTEMPTS
    assert "3" in video.failure_reason
    assert video.status_label().startswith("Gagal")
    public = Path(settings.MEDIA_ROOT) / "video" / "public" / str(video.pk)
    assert not public.exists() or not any(public.rglob("*.*"))


def test_a_silent_portrait_clip_is_transcoded_without_an_audio_track(tmp_path):
    clip = make_clip(tmp_path / "vertikal.mp4", seconds=1, size="360x640", audio=False)
    video = make_video(clip)
    queue_transcode(video)

    video.refresh_from_db()
    assert video.state == Video.State.READY, video.failure_reason
    assert video.rungs == ["240p", "360p"]
    found = ffmpeg.probe(output(video, "360p/index.m3u8"), ffmpeg.OWN_HLS_FORMATS)
    assert (found.video.width, found.video.height) == (360, 640)
    assert not found.has_audio
