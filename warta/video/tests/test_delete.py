from pathlib import Path

import pytest
from django.conf import settings

from warta.video.factories import make_clip, make_video
from warta.video.tasks import queue_transcode

pytestmark = pytest.mark.django_db


def test_deleting_a_video_deletes_its_source_and_outputs(
    tmp_path, django_capture_on_commit_callbacks
):
    video = make_video(make_clip(tmp_path / "c.mp4", seconds=1, size="160x120"))
    queue_transcode(video)
    video.refresh_from_db()
    source = Path(video.source.path)
    outputs = Path(settings.MEDIA_ROOT) / "video" / "public" / str(video.pk)
    assert source.exists() and any(outputs.rglob("*.ts"))

    with django_capture_on_commit_callbacks(execute=True):
        video.delete()

    assert not source.parent.joinpath(source.name).exists()
    assert not [p for p in outputs.rglob("*") if p.is_file()]
