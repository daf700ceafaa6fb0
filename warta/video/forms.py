"""The admin upload form: checks the file by its content before anything is stored."""

import tempfile
from contextlib import ExitStack
from functools import partial

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from warta.video import ffmpeg, jobs
from warta.video.captions import MAX_CAPTION_BYTES, CaptionError, check_webvtt
from warta.video.tasks import queue_transcode

CAPTION_MESSAGES = {
    "too_big": _("The captions file is too large."),
    "encoding": _("The captions file must be UTF-8 text."),
    "header": _("The captions file must be WebVTT: its first line must be “WEBVTT”."),
    "timing": _("The captions file has a cue time that is not valid WebVTT."),
    "empty": _("The captions file has no cues."),
}


def uploaded_path(upload, stack):
    """A local path to the uploaded file (small uploads are in memory)."""
    if hasattr(upload, "temporary_file_path"):
        return upload.temporary_file_path()
    handle = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".upload"))  # noqa: SIM115
    for chunk in upload.chunks():
        handle.write(chunk)
    handle.flush()
    upload.seek(0)
    return handle.name


class VideoForm(WagtailAdminModelForm):
    def clean_source(self):
        upload = self.cleaned_data.get("source")
        if not upload or "source" not in self.changed_data:
            return upload
        if upload.size > settings.WARTA_VIDEO_MAX_BYTES:
            raise forms.ValidationError(
                _("The video is too large: %(size)s; the limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.WARTA_VIDEO_MAX_BYTES),
                }
            )
        head = upload.read(ffmpeg.SNIFF_BYTES)
        upload.seek(0)
        if ffmpeg.sniff_container(head) is None:
            if ffmpeg.looks_like_text(head):
                raise forms.ValidationError(
                    _(
                        "This file is text, not a video: playlists (m3u8) and file lists "
                        "are not accepted. Upload the video file itself."
                    )
                )
            raise forms.ValidationError(
                _("This file is not a video we accept: upload MP4, MOV, MKV, WebM, MPEG-TS or AVI.")
            )
        with ExitStack() as stack:
            try:
                found = ffmpeg.probe(uploaded_path(upload, stack))
            except ffmpeg.ProbeError:
                found = None
        if found is None:
            raise forms.ValidationError(
                _("This file is not a video we can read, or it is damaged or cut short.")
            )
        if found.video is None:
            raise forms.ValidationError(_("This file has no video stream."))
        if not found.duration:
            raise forms.ValidationError(_("The video's length could not be read."))
        if found.duration > settings.WARTA_VIDEO_MAX_SECONDS:
            raise forms.ValidationError(
                _("The video is too long: %(length)s seconds; the limit is %(limit)s seconds.")
                % {"length": round(found.duration), "limit": settings.WARTA_VIDEO_MAX_SECONDS}
            )
        return upload

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        if not upload or "captions" not in self.changed_data:
            return upload
        if upload.size > MAX_CAPTION_BYTES:
            raise forms.ValidationError(CAPTION_MESSAGES["too_big"])
        try:
            check_webvtt(upload.read())
        except CaptionError as error:
            raise forms.ValidationError(CAPTION_MESSAGES[str(error)]) from error
        upload.seek(0)
        return upload

    def save(self, commit=True):
        video = super().save(commit=False)
        user = getattr(self, "for_user", None)
        if video._state.adding and video.uploaded_by_user_id is None and user is not None:
            video.uploaded_by_user = user if user.is_authenticated else None
        source_changed = "source" in self.changed_data
        if source_changed:
            jobs.new_source(video)
        if commit:
            video.save()
            self.save_m2m()
            if source_changed:
                transaction.on_commit(partial(queue_transcode, video))
        return video
