"""Reporters upload clips and editors manage them, through the real admin."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from warta.video.factories import make_clip
from warta.video.models import Video

pytestmark = pytest.mark.django_db


def make_user(username, role):
    """A user in one of the groups the roles migration made (video may not import people)."""
    user = get_user_model().objects.create_user(username, email=f"{username}@warta.test")
    user.groups.add(Group.objects.get(name=role))
    return user


def url(name, video=None):
    return reverse(f"wagtailsnippets_video_video:{name}", args=(video.pk,) if video else ())


def form(title, source=""):
    return {
        "title": title,
        "credit": "Wayan/BALICITIZEN",
        "caption": "",
        "place_name": "",
        "place_latitude": "",
        "place_longitude": "",
        "place_regency": "",
        "place_province": "",
        "source": source,
    }


def test_a_reporter_uploads_a_clip_and_an_editor_edits_then_deletes_it(
    client, tmp_path, django_capture_on_commit_callbacks
):
    clip = make_clip(tmp_path / "pawai.mp4", seconds=1, size="160x120")
    reporter, editor = make_user("wayan", "Reporter"), make_user("redaktur", "Editor")

    client.force_login(reporter)
    assert client.get(url("list")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("add"),
            form("Pawai ogoh-ogoh", SimpleUploadedFile("pawai.mp4", clip.read_bytes())),
        )
    assert response.status_code == 302
    video = Video.objects.get()
    assert video.uploaded_by_user == reporter
    assert video.state == Video.State.READY, video.failure_reason
    assert "Pawai ogoh-ogoh" in client.get(url("list")).content.decode()

    client.force_login(editor)
    response = client.post(url("edit", video), form("Pawai ogoh-ogoh di Denpasar"))
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.title == "Pawai ogoh-ogoh di Denpasar"
    assert Path(video.source.path).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("delete", video))
    assert response.status_code == 302
    # Deleting moves the clip to the trash, files kept (warta.trash empties it).
    video.refresh_from_db()
    assert video.trashed_at is not None
    assert Path(video.source.path).exists()
    client.get(url("list"))  # shows (and so clears) the edit and delete messages
    assert "Pawai ogoh-ogoh" not in client.get(url("list")).content.decode()


def test_a_reporter_cannot_open_or_change_a_colleagues_clip(client, tmp_path):
    clip = make_clip(tmp_path / "c.mp4", seconds=1, size="160x120")
    colleague = make_user("koresponden", "Reporter")
    video = Video.objects.create(
        title="Milik rekan",
        credit="Rekan",
        source="video/originals/x.mp4",
        uploaded_by_user=colleague,
    )
    client.force_login(make_user("wayan", "Reporter"))

    assert client.get(url("edit", video)).status_code == 302
    client.post(url("edit", video), form("Diubah", SimpleUploadedFile("c.mp4", clip.read_bytes())))
    client.post(url("delete", video))

    video.refresh_from_db()
    assert video.title == "Milik rekan"
