"""Live coverage: a stream of short updates attached to a topic hub or an article.

Updates are plain rows, not pages: posting one must take a second, not a
page-revision cycle. Every change readers should see (an update appearing,
being edited or removed, the coverage pausing or ending) is also written to an
append-only event log whose id is the Server-Sent Events id, so a reader who
reconnects with Last-Event-ID gets exactly what it missed from the database.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import StreamField

from warta.core.places import Placed, PlacedQuerySet
from warta.live.blocks import LiveUpdateBodyBlock

# Pages that can carry a live coverage.
COVERAGE_PAGE_TYPES = ("articles.TopicPage", "articles.ArticlePage")


class LiveCoverage(models.Model):
    class Status(models.TextChoices):
        LIVE = "live", pgettext_lazy("live coverage status", "Live")
        PAUSED = "paused", pgettext_lazy("live coverage status", "Paused")
        ENDED = "ended", pgettext_lazy("live coverage status", "Ended")

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="live_coverage",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LIVE
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    require_approval = models.BooleanField(
        _("reporters' updates need an editor's approval"), default=True
    )

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverages")

    def __str__(self):
        return str(self.page)

    def public_updates(self):
        """Approved updates as readers see them: pinned first, then newest first."""
        return self.updates.filter(approved=True).order_by("-pinned", "-time", "-pk")

    def latest_event_id(self):
        return self.events.order_by("-pk").values_list("pk", flat=True).first() or 0


class LiveUpdate(Placed):
    coverage = models.ForeignKey(
        LiveCoverage, verbose_name=_("coverage"), on_delete=models.CASCADE, related_name="updates"
    )
    time = models.DateTimeField(_("time"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    body = StreamField(
        LiveUpdateBodyBlock(),
        verbose_name=_("update"),
        # A new update opens with a text box ready to type in.
        default=[("text", "")],
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    key_event = models.BooleanField(_("key event"), default=False)
    approved = models.BooleanField(_("approved"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlacedQuerySet.as_manager()

    class Meta:
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        indexes = [models.Index(fields=["coverage", "-time"], name="live_update_coverage_time")]

    def __str__(self):
        return self.headline or f"{self._meta.verbose_name} {self.pk}"


class LiveEvent(models.Model):
    """One change readers must see, in order. Never updated, only appended."""

    class Kind(models.TextChoices):
        CREATED = "created"
        EDITED = "edited"
        DELETED = "deleted"
        STATUS = "status"

    coverage = models.ForeignKey(LiveCoverage, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Not a foreign key: the event outlives a deleted update.
    update_id = models.BigIntegerField(null=True)
    # What readers' pages need to apply the change, rendered once for all of them.
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["coverage", "id"], name="live_event_coverage_id")]

    def __str__(self):
        return f"{self.kind} {self.update_id or ''}".strip()

    def message(self):
        """The event as broadcast and as sent in the stream and the JSON endpoint."""
        return {
            "id": self.pk,
            "kind": self.kind,
            "update": self.update_id,
            "at": self.created_at.timestamp(),
            **self.data,
        }
