"""What readers can check about a story: its sources and the notes that correct it.

- `ArticleSource`: a child of the article (a ParentalKey), so it is edited on the
  article form and kept in every revision with the rest of the story. Original
  reporting is a source of its own kind ("Liputan langsung"), not a separate
  flag: it lives in the same list, the same revisions and the same reader line.
- `CorrectionNote`: written on a published article from the admin, without a
  new revision or review cycle (see `corrections.py`). Never deleted: a note is
  withdrawn, and readers see that it was, when and why.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from warta.articles.models import ArticlePage

# Right of reply and fact-checks live in their own modules; Django finds models here.
from warta.trust.factchecks import ClaimCheck, FactCheckSettings  # noqa: F401
from warta.trust.replies import ReplyRequest  # noqa: F401

MAX_NOTE = 2000  # characters of a correction note


class SourceKind(models.TextChoices):
    DOCUMENT = "dokumen", _("Document")
    INTERVIEW = "wawancara", _("Interview")
    AGENCY = "kantor-berita", _("News agency")
    STATEMENT = "pernyataan-resmi", _("Official statement")
    OTHER_OUTLET = "media-lain", _("Other outlet")
    DATA = "data", _("Data")
    ORIGINAL = "liputan-langsung", _("Original reporting")


def validate_public_url(value):
    """Only web links readers can follow: http and https, with a host."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            _("A source link must be a web address starting with http:// or https://."),
            code="scheme",
        )


class ArticleSource(Orderable):
    """One source of an article; an anonymous one keeps its name and reason for editors only."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Who or what: a person and their role, a document's title, an agency."),
    )
    # A plain CharField, not URLField: Django's URLField would also take ftp:// links.
    url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_public_url],
        help_text=_("Only when the source is public (http or https)."),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Readers see “Anonymous source” and nothing else about it."),
    )
    anonymity_reason = models.TextField(
        _("why anonymous (internal)"),
        blank=True,
        help_text=_("Kept for editors; never shown to readers."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("anonymous"), FieldPanel("anonymity_reason")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind != SourceKind.ORIGINAL and not self.name.strip():
            errors["name"] = _("Name the source (for an anonymous one, editors only see it).")
        if self.anonymous and not self.anonymity_reason.strip():
            errors["anonymity_reason"] = _("Say why the source stays anonymous.")
        if self.anonymous and self.url:
            errors["url"] = _("An anonymous source has no public link.")
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return self.name or self.get_kind_display()


class NoteKind(models.TextChoices):
    CORRECTION = "koreksi", _("Correction")
    CLARIFICATION = "klarifikasi", _("Clarification")
    UPDATE = "pembaruan", _("Update")


class CorrectionNoteQuerySet(models.QuerySet):
    def public(self):
        """Notes readers see: on live, public articles (withdrawn ones included, as traces)."""
        pages = ArticlePage.objects.live().public().values("pk")
        return self.filter(article__in=pages)


class CorrectionNote(models.Model):
    """A correction, clarification or update shown at the top of a published article."""

    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="correction_notes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices)
    text = models.TextField(_("text"), max_length=MAX_NOTE)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdraw_reason = models.TextField(_("reason for withdrawing"), blank=True, max_length=500)

    objects = CorrectionNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction note")
        verbose_name_plural = _("correction notes")
        ordering = ["-created_at", "-pk"]
        # Notes are never deleted: withdrawing leaves a trace (see corrections.py).
        default_permissions = ("add", "change", "view")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def withdrawn(self):
        return self.withdrawn_at is not None
