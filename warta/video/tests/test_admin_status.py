"""Editors see each video's transcode state and progress in the admin listing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from warta.video.factories import make_clip, make_video
from warta.video.models import Video
from warta.video.recovery import recover_stalled_videos
from warta.video.tasks import queue_transcode
from warta.video.transcode import run

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(tmp_path):
    return make_video(make_clip(tmp_path / "c.mp4", seconds=1, size="160x120"))


def test_listing_shows_progress_and_failure_reasons(client, django_user_model, video):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    Video.objects.filter(pk=video.pk).update(state=Video.State.PROCESSING, progress=40)
    listing = reverse("wagtailsnippets_video_video:list")
    assert "Sedang diproses 40%" in client.get(listing).content.decode()

    Video.objects.filter(pk=video.pk).update(state=Video.State.FAILED, failure_reason="Rusak.")
    assert "Gagal: Rusak." in client.get(listing).content.decode()


def test_a_job_with_a_stale_heartbeat_is_requeued_and_finishes(video, settings):
    stale = timezone.now() - timedelta(seconds=settings.WARTA_VIDEO_LEASE_SECONDS + 1)
    Video.objects.filter(pk=video.pk).update(
        state=Video.State.PROCESSING, heartbeat_at=stale, attempts=1, job_token="dead-worker"
    )

    requeued, failed = recover_stalled_videos()

    assert (requeued, failed) == ([video.pk], [])
    video.refresh_from_db()
    assert video.state == Video.State.READY  # the immediate backend ran the new job
    assert video.attempts == 2


def test_a_live_job_is_left_alone(video):
    Video.objects.filter(pk=video.pk).update(
        state=Video.State.PROCESSING, heartbeat_at=timezone.now(), attempts=1
    )
    assert recover_stalled_videos() == ([], [])


def test_a_job_that_keeps_dying_stops_with_a_reason(video, settings):
    stale = timezone.now() - timedelta(hours=1)
    Video.objects.filter(pk=video.pk).update(
        state=Video.State.PROCESSING,
        heartbeat_at=stale,
        attempts=settings.WARTA_VIDEO_MAX_ATTEMPTS,
    )

    assert recover_stalled_videos() == ([], [video.pk])
    video.refresh_from_db()
    assert video.state == Video.State.FAILED
    assert video.failure_reason == "Pemrosesan video dihentikan setelah 3 kali gagal."


def test_an_old_job_finds_its_token_stale_and_does_nothing(video):
    queue_transcode(video)
    video.refresh_from_db()
    assert run(video.pk, "an-older-token") == "superseded"


def test_the_edit_form_shows_the_state_read_only(client, django_user_model, video):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    Video.objects.filter(pk=video.pk).update(state=Video.State.FAILED, failure_reason="Rusak.")

    response = client.get(reverse("wagtailsnippets_video_video:edit", args=(video.pk,)))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gagal" in html and "Rusak." in html
    assert 'name="state"' not in html
