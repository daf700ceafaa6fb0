"""Reading ffmpeg's stream summary and choosing the ladder: plain functions."""

from warta.video.ffmpeg import parse_probe
from warta.video.ladder import ladder_for, scaled_size

FFMPEG_OUTPUT = """Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'clip.mp4':
  Duration: 00:01:02.50, start: 0.000000, bitrate: 4000 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1920x1080 [SAR 1:1 DAR 16:9], 3800 kb/s, 30 fps (default)
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)
  Stream #0:2[0x0]: Video: mjpeg (Baseline), yuvj420p(pc), 300x300, 90k tbr (attached pic)
"""  # noqa: E501

PHONE_PORTRAIT = """  Duration: 00:00:10.00, start: 0.000000, bitrate: 900 kb/s
  Stream #0:0[0x1](und): Video: hevc (Main) (hvc1 / 0x31637668), yuv420p(tv), 1920x1080, 800 kb/s, 30 fps
      Side data:
        displaymatrix: rotation of -90.00 degrees
"""  # noqa: E501


def test_streams_and_duration_are_read_and_cover_art_is_ignored():
    probe = parse_probe(FFMPEG_OUTPUT)
    assert probe.duration == 62.5
    assert (probe.video.codec, probe.video.width, probe.video.height) == ("h264", 1920, 1080)
    assert probe.has_audio
    assert len(probe.streams) == 2


def test_a_rotated_phone_clip_is_portrait():
    probe = parse_probe(PHONE_PORTRAIT)
    assert (probe.video.width, probe.video.height) == (1080, 1920)
    assert not probe.has_audio


def test_text_is_not_a_video():
    probe = parse_probe("clip.mp4: Invalid data found when processing input")
    assert probe.video is None and probe.duration is None


def test_ladder_never_upscales_and_always_has_a_rung():
    assert [r.name for r in ladder_for(1920, 1080)] == ["240p", "360p", "720p", "1080p"]
    assert [r.name for r in ladder_for(1280, 720)] == ["240p", "360p", "720p"]
    assert [r.name for r in ladder_for(640, 480)] == ["240p", "360p"]
    assert [r.name for r in ladder_for(1080, 1920)] == ["240p", "360p", "720p", "1080p"]
    assert [r.name for r in ladder_for(160, 120)] == ["240p"]


def test_scaled_sizes_are_even_and_keep_the_aspect():
    assert scaled_size(1920, 1080, 240) == (426, 240)
    assert scaled_size(1080, 1920, 360) == (360, 640)
    assert scaled_size(160, 120, 240) == (160, 120)
