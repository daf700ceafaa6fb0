import pytest

from warta.video.captions import CaptionError, check_webvtt


def test_a_webvtt_file_with_cues_is_accepted():
    data = "\ufeffWEBVTT - Banjir\n\n1\n00:00.000 --> 00:02.000 align:start\nAir naik.\n\n"
    data += "01:00:02.000 --> 01:00:04.500\nWarga mengungsi.\n"
    assert check_webvtt(data.encode()) == 2


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"1\n00:00:01,000 --> 00:00:02,000\nSRT, not VTT\n", "header"),
        (b"WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n", "header"),
        (b"WEBVTT\n\n00:00,000 --> 00:01,000\nx\n", "timing"),
        (b"WEBVTT\n\nNOTE nothing to show\n", "empty"),
        (b"WEBVTT\n\n\xff\xfe\n", "encoding"),
        (b"WEBVTT\n" + b"x" * 600_000, "too_big"),
    ],
)
def test_anything_else_is_refused_with_a_reason(data, reason):
    with pytest.raises(CaptionError) as error:
        check_webvtt(data)
    assert str(error.value) == reason
