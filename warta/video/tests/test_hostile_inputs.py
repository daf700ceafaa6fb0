"""Uploads that would make ffmpeg read other files or URLs: refused, nothing read, nothing stored.

A playlist or a concat list names further inputs. The upload form refuses
them by their content (whatever their name), and every ffmpeg call on
uploaded material allows only container demuxers and local files, so even a
file that got past the form could not make ffmpeg open anything else.
"""

import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from warta.video import ffmpeg
from warta.video.factories import make_clip
from warta.video.models import Video
from warta.video.pipeline import InputError, probe_source
from warta.video.tests.test_upload import ADD, editor, form, stored_files  # noqa: F401

pytestmark = pytest.mark.django_db

CANARY_PORT = 8141
REFUSED_AS_TEXT = "berupa teks, bukan video"


@pytest.fixture
def canary():
    """An HTTP server on 127.0.0.1 that counts every request it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", CANARY_PORT), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def segment(tmp_path):
    """A real MPEG-TS file on the server's disk, which a playlist could name."""
    clip = make_clip(tmp_path / "clip.mp4", seconds=1, size="160x120")
    target = tmp_path / "secret.ts"
    subprocess.run(
        [ffmpeg.ffmpeg_exe(), "-loglevel", "error", "-i", str(clip), "-c", "copy", str(target)],
        check=True,
        timeout=60,
    )
    return target


def playlist(*uris, padding=0):
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2"]
    lines += ["#" + "x" * 1000] * (padding // 1001 + 1 if padding else 0)
    for uri in uris:
        lines += ["#EXTINF:1.0,", uri]
    lines.append("#EXT-X-ENDLIST")
    return ("\n".join(lines) + "\n").encode()


def refused(client, settings, name, data):
    before = stored_files(settings)
    response = client.post(ADD, form(SimpleUploadedFile(name, data, "video/mp4")))
    assert response.status_code == 200
    assert REFUSED_AS_TEXT in response.content.decode()
    assert Video.objects.count() == 0
    assert stored_files(settings) == before


def test_a_local_playlist_is_what_plain_ffmpeg_would_follow(segment, tmp_path):
    # The control for the tests below: without the whitelists ffmpeg reads the segment.
    path = tmp_path / "clip.m3u8"
    path.write_bytes(playlist(str(segment)))
    result = subprocess.run(
        [ffmpeg.ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, timeout=60
    )
    assert b"Video: h264" in result.stderr


def test_a_big_m3u8_naming_a_local_file_is_refused_and_never_read(
    editor,  # noqa: F811
    segment,
    tmp_path,
    settings,
):
    data = playlist(str(segment), padding=django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert len(data) > django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE  # kept as a .m3u8 temp file

    refused(editor, settings, "clip.m3u8", data)

    # Had it got past the form, the probe and the pipeline still read nothing.
    path = tmp_path / "upload.m3u8"
    path.write_bytes(data)
    assert ffmpeg.probe(path).video is None
    with pytest.raises(InputError):
        probe_source(path)


def test_an_ffconcat_list_named_mp4_is_refused_and_never_read(
    editor,  # noqa: F811
    segment,
    tmp_path,
    settings,
):
    data = f"ffconcat version 1.0\nfile '{segment.name}'\n".encode()

    refused(editor, settings, "clip.mp4", data)

    path = tmp_path / "clip.mp4"  # next to the segment, so a relative "file" line would work
    path.write_bytes(data)
    assert ffmpeg.probe(path).video is None
    with pytest.raises(InputError):
        probe_source(path)


def test_a_playlist_naming_an_http_url_is_refused_and_the_url_never_fetched(
    editor,  # noqa: F811
    canary,
    tmp_path,
    settings,
):
    url = f"http://127.0.0.1:{CANARY_PORT}/segment.ts"
    data = playlist(url)

    refused(editor, settings, "clip.m3u8", data)
    refused(editor, settings, "clip.mp4", data)

    path = tmp_path / "clip.m3u8"
    path.write_bytes(data)
    assert ffmpeg.probe(path).video is None
    with pytest.raises(InputError):
        probe_source(path)
    assert canary == []


def test_the_container_sniffer_knows_the_formats_it_lets_through(tmp_path):
    clip = make_clip(tmp_path / "clip.mp4", seconds=1, size="160x120")
    mkv = tmp_path / "clip.mkv"
    ts = tmp_path / "clip.ts"
    for target in (mkv, ts):
        subprocess.run(
            [ffmpeg.ffmpeg_exe(), "-loglevel", "error", "-i", str(clip), "-c", "copy", str(target)],
            check=True,
            timeout=60,
        )
    assert ffmpeg.sniff_container(clip.read_bytes()[:4096]) == "mov"
    assert ffmpeg.sniff_container(mkv.read_bytes()[:4096]) == "matroska"
    assert ffmpeg.sniff_container(ts.read_bytes()[:4096]) == "mpegts"
    assert ffmpeg.sniff_container(playlist("a.ts")) is None
    assert ffmpeg.looks_like_text(playlist("a.ts"))
