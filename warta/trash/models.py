"""A page in the trash: unpublished where it stood, so its URL, revisions and media stay.

The page is not moved: it keeps its place and slug in the tree (nobody else can
take its URL), it is hidden from the explorer and the choosers, and what was
live (it and its descendants, by live revision) is remembered so that a restore
publishes exactly that again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrashedPage(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="trashed", verbose_name=_("page")
    )
    trashed_at = models.DateTimeField(_("moved to the trash at"), db_index=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moved to the trash by"),
    )
    # {page id: live revision id} for the page and its descendants that were live.
    live_revisions = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("page in the trash")
        verbose_name_plural = _("pages in the trash")
        ordering = ["-trashed_at"]

    def __str__(self):
        return str(self.page)
