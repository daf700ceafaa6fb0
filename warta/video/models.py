"""Exclusive video: the newsroom's own footage, transcoded for slow mobile data.

The uploaded source stays in private storage (it may carry the camera's GPS
point). The transcode job (warta.video.transcode) writes the HLS ladder, an
MP4 fallback and a poster under a fresh prefix and only then points the row
at them: a half-written output is never referenced, whatever storage (local
or S3) is behind it. This module is the row only: every change of the job's
state fields goes through warta.video.jobs.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from warta.core.places import Placed, PlacedQuerySet
from warta.core.storage import private_storage
from warta.video.layout import FALLBACK, POSTER, captions_upload_to, source_upload_to


class Video(Placed, index.Indexed, models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=255)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"), max_length=255, help_text=_("Who filmed it, e.g. the reporter or agency.")
    )
    source = models.FileField(
        _("video file"), upload_to=source_upload_to, storage=private_storage, max_length=255
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=captions_upload_to,
        blank=True,
        max_length=255,
        help_text=_("Optional subtitles as a .vtt file, in Indonesian."),
    )

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.QUEUED, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    failure_reason = models.TextField(_("reason for failure"), blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    # Written by the running job every few seconds (warta.video.jobs.beat); a
    # stale heartbeat means its worker died (see warta.video.recovery).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    job_token = models.CharField(max_length=32, blank=True, editable=False)

    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Published outputs: prefix in the default storage and the playlist readers load.
    output_prefix = models.CharField(max_length=255, blank=True, editable=False)
    playlist_name = models.CharField(max_length=64, blank=True, editable=False)
    has_fallback = models.BooleanField(default=False, editable=False)
    rungs = models.JSONField(default=list, blank=True, editable=False)

    # Who uploaded the clip: a reporter may edit and delete their own clips
    # (warta.video.permissions, the roles in warta.people.roles).
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Set while the clip is in the trash (warta.trash): hidden from the admin
    # listing, the chooser and readers, files kept until it is deleted for good.
    trashed_at = models.DateTimeField(
        _("moved to the trash at"), null=True, blank=True, editable=False
    )
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved to the trash by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    search_fields = [index.SearchField("title"), index.SearchField("caption")]

    objects = PlacedQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "heartbeat_at"])]

    def __str__(self):
        return self.title

    @property
    def playable(self):
        return bool(self.output_prefix and self.playlist_name) and self.trashed_at is None

    def output_url(self, name):
        return default_storage.url(f"{self.output_prefix}/{name}")

    @property
    def playlist_url(self):
        return self.output_url(self.playlist_name) if self.playable else ""

    @property
    def fallback_url(self):
        return self.output_url(FALLBACK) if self.playable and self.has_fallback else ""

    @property
    def poster_url(self):
        return self.output_url(POSTER) if self.playable else ""

    @property
    def captions_url(self):
        return self.captions.url if self.captions else ""

    def status_label(self):
        if self.state == self.State.PROCESSING:
            return _("Processing %(progress)s%%") % {"progress": self.progress}
        if self.state == self.State.FAILED:
            return _("Failed: %(reason)s") % {"reason": self.failure_reason}
        return self.get_state_display()
