"""Uploading in the admin: good clips are queued; bad files are refused in Indonesian."""

import struct
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from warta.video.factories import make_clip
from warta.video.models import Video

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_video_video:add")
VTT = b"WEBVTT\n\n00:00.000 --> 00:01.500\nAir naik di Sentani.\n"


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    return client


def form(source, captions=None, **fields):
    data = {
        "title": "Banjir di Sentani",
        "credit": "Yosef/PosPapusa",
        "caption": "",
        "place_name": "",
        "place_latitude": "",
        "place_longitude": "",
        "place_regency": "",
        "place_province": "",
        "source": source,
        **fields,
    }
    if captions is not None:
        data["captions"] = captions
    return data


def upload(path, name=None):
    return SimpleUploadedFile(name or Path(path).name, Path(path).read_bytes(), "video/mp4")


def stored_files(settings):
    roots = [Path(settings.MEDIA_ROOT), Path(settings.MEDIA_ROOT).parent / "private-media"]
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def mp4_without_streams():
    def box(kind, data):
        return struct.pack(">I", 8 + len(data)) + kind + data

    mvhd = box(b"mvhd", bytes(4) + struct.pack(">IIII", 0, 0, 1000, 0) + bytes(80))
    return box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41") + box(b"moov", mvhd)


def test_a_clip_with_captions_is_stored_privately_and_transcoded(
    editor, tmp_path, settings, django_capture_on_commit_callbacks
):
    clip = make_clip(tmp_path / "sentani.mp4", seconds=2, size="320x240")
    captions = SimpleUploadedFile("id.vtt", VTT, "text/vtt")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(ADD, form(upload(clip), captions))

    assert response.status_code == 302
    video = Video.objects.get()
    assert video.state == Video.State.READY, video.failure_reason
    assert video.source.name.startswith("video/originals/")
    assert not (Path(settings.MEDIA_ROOT) / video.source.name).exists()
    assert editor.get(f"/media/{video.source.name}").status_code == 404
    assert video.captions_url.startswith("/media/video/public/captions/")
    assert editor.get(video.captions_url).status_code == 200

    listing = editor.get(reverse("wagtailsnippets_video_video:list")).content.decode()
    assert "Siap" in listing


BAD_VIDEOS = {
    "text renamed .mp4": (lambda clip: b"Ini bukan video.\n" * 200, "berupa teks, bukan video"),
    "truncated": (lambda clip: clip.read_bytes()[: len(clip.read_bytes()) // 2], "terpotong"),
    "no streams": (lambda clip: mp4_without_streams(), "tidak berisi gambar video"),
    "audio only": (None, "tidak berisi gambar video"),
}


@pytest.mark.parametrize("case", BAD_VIDEOS)
def test_a_bad_video_is_refused_with_a_clear_message_and_nothing_stored(
    case, editor, tmp_path, settings
):
    make_bytes, message = BAD_VIDEOS[case]
    clip = make_clip(tmp_path / "clip.mp4", seconds=1, size="160x120")
    if make_bytes is None:
        audio = tmp_path / "audio.mp4"
        make_clip(audio, seconds=1, extra=["-vn"])
        data = audio.read_bytes()
    else:
        data = make_bytes(clip)
    before = stored_files(settings)

    response = editor.post(ADD, form(SimpleUploadedFile("video.mp4", data, "video/mp4")))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Video.objects.count() == 0
    assert stored_files(settings) == before


def test_a_video_over_the_size_limit_is_refused(editor, tmp_path, settings):
    settings.WARTA_VIDEO_MAX_BYTES = 10_000
    clip = make_clip(tmp_path / "besar.mp4", seconds=2, size="320x240")

    response = editor.post(ADD, form(upload(clip)))

    assert response.status_code == 200
    assert "Video terlalu besar" in response.content.decode()
    assert Video.objects.count() == 0


def test_a_video_over_the_length_limit_is_refused(editor, tmp_path, settings):
    settings.WARTA_VIDEO_MAX_SECONDS = 1
    clip = make_clip(tmp_path / "panjang.mp4", seconds=2, size="160x120")

    response = editor.post(ADD, form(upload(clip)))

    assert response.status_code == 200
    assert "Video terlalu panjang: 2 detik; batasnya 1 detik." in response.content.decode()


@pytest.mark.parametrize(
    "captions, message",
    [
        (b"00:00.000 --> 00:01.000\nHalo\n", "baris pertamanya harus"),
        (b"WEBVTT\n\n00:00 --> 1\nHalo\n", "penanda waktu yang tidak sah"),
        (b"WEBVTT\n", "tidak berisi teks apa pun"),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nHalo\n".encode("utf-16"), "harus berupa teks UTF-8"),
    ],
)
def test_bad_captions_are_refused(editor, tmp_path, captions, message):
    clip = make_clip(tmp_path / "clip.mp4", seconds=1, size="160x120")
    bad = SimpleUploadedFile("id.vtt", captions, "text/vtt")

    response = editor.post(ADD, form(upload(clip), bad))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Video.objects.count() == 0
