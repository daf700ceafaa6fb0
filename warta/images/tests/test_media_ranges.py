"""Public media answer byte ranges (players seek in the MP4 fallback); private stays private."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils.http import http_date

from warta.core.ranges import Unsatisfiable, parse_range
from warta.images.factories import make_image

pytestmark = pytest.mark.django_db

BODY = bytes(range(256)) * 40  # 10 240 bytes, every offset distinguishable
SIZE = len(BODY)


@pytest.fixture
def video_file():
    """A public video output, as the pipeline writes them (under the video prefix)."""
    prefix = next(p for p in settings.WARTA_PUBLIC_MEDIA_PREFIXES if p.startswith("video"))
    folder = Path(settings.MEDIA_ROOT) / prefix / "test"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "clip.mp4"
    path.write_bytes(BODY)
    return path, f"/media/{prefix}test/clip.mp4"


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_first_byte_is_a_206_with_content_range(client, video_file):
    _, url = video_file
    response = client.get(url, HTTP_RANGE="bytes=0-0")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-0/{SIZE}"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "1"
    assert response["Content-Type"] == "video/mp4"
    assert content(response) == BODY[:1]


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=100-199", 100, 199),
        ("bytes=10000-", 10000, SIZE - 1),  # open-ended
        ("bytes=-500", SIZE - 500, SIZE - 1),  # suffix: the last 500 bytes
        (f"bytes=-{SIZE * 3}", 0, SIZE - 1),  # a suffix longer than the file: all of it
        (f"bytes=5000-{10**30}", 5000, SIZE - 1),  # an end past the file is clamped
    ],
)
def test_ranges_give_exactly_those_bytes(client, video_file, header, start, end):
    _, url = video_file
    response = client.get(url, HTTP_RANGE=header, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert int(response["Content-Length"]) == end - start + 1
    # Not compressed: a range counts the file's own bytes.
    assert "Content-Encoding" not in response
    assert content(response) == BODY[start : end + 1]


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", f"bytes={10**30}-", "bytes=-0"])
def test_a_range_past_the_end_is_416_with_the_size(client, video_file, header):
    _, url = video_file
    response = client.get(url, HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "header", ["bytes=0-1,5-6", "items=0-1", "bytes=9-3", "bytes=-", "bytes=a-b", "bytes=0-1é"]
)
def test_a_range_we_do_not_serve_gets_the_whole_file(client, video_file, header):
    _, url = video_file
    response = client.get(url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert content(response) == BODY


def test_without_range_the_whole_file_says_ranges_are_accepted(client, video_file):
    _, url = video_file
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert "Content-Encoding" not in response
    assert "public" in response["Cache-Control"]
    assert content(response) == BODY


def test_if_range_with_the_current_date_gives_the_range_and_an_old_one_the_file(client, video_file):
    path, url = video_file
    current = http_date(path.stat().st_mtime)
    response = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=current)
    assert response.status_code == 206
    response = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=http_date(0))
    assert response.status_code == 200 and content(response) == BODY
    response = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"some-etag"')
    assert response.status_code == 200


def test_renditions_take_ranges_too(client):
    rendition = make_image().get_rendition("width-400|format-webp")
    whole = content(client.get(rendition.url))
    response = client.get(rendition.url, HTTP_RANGE="bytes=-16")
    assert response.status_code == 206
    assert content(response) == whole[-16:]


def test_private_files_stay_private_with_a_range(client):
    image = make_image()
    name = image.file.name
    for path in (f"/media/{name}", f"/media/images/../{name}", "/media/private-media/" + name):
        assert client.get(path, HTTP_RANGE="bytes=0-0").status_code == 404
    (Path(settings.MEDIA_ROOT) / "other").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "other" / "secret.txt").write_text("x" * 100)
    assert client.get("/media/other/secret.txt", HTTP_RANGE="bytes=0-0").status_code == 404
    assert client.get("/media/images/", HTTP_RANGE="bytes=0-0").status_code == 404  # a folder


def test_parse_range_edges():
    assert parse_range("bytes=0-0", 1) == (0, 0)
    assert parse_range("bytes=0-", 1) == (0, 0)
    assert parse_range(" bytes = 2 - 3 ", 10) == (2, 3)
    with pytest.raises(Unsatisfiable):
        parse_range("bytes=0-0", 0)  # an empty file has no first byte
    with pytest.raises(Unsatisfiable):
        parse_range("bytes=-1", 0)
