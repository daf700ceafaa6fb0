"""Related reads: the stored suggestions of each article, and what editors decided.

Suggestions are computed in the background at publish (`related.py`) and kept
as rows, so the article page reads them in one query. An editor's decisions
live on the same rows: a pinned row is never replaced and comes first; a
removed row is kept (not deleted) so that a recompute knows never to suggest
that article again.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RelatedRead(models.Model):
    class Reason(models.TextChoices):
        TEXT = "text", _("Similar words")
        TOPIC = "topic", _("Same topic")
        TAGS = "tags", _("Shared tags")
        PLACE = "place", _("Same place")
        SECTION = "section", _("Same section")
        EDITOR = "editor", _("Chosen by an editor")

    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="related_reads",
    )
    related = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.FloatField(_("score"), default=0)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    pinned = models.BooleanField(_("pinned"), default=False)
    removed = models.BooleanField(_("removed"), default=False)
    # The editor's order among pinned rows; automatic rows are ordered by score.
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("related read")
        verbose_name_plural = _("related reads")
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_read_once")
        ]
        ordering = ["-pinned", "position", "-score"]

    def __str__(self):
        return f"{self.article_id} → {self.related_id}"


class RelatedProfile(models.Model):
    """An article's weighted terms, analysed once at publish and reused as others are scored."""

    article = models.OneToOneField(
        "articles.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    terms = models.JSONField(default=dict)

    def __str__(self):
        return f"{self.article_id}: {len(self.terms)} terms"


class RelatedPlacement(models.Model):
    """Where an article's inline "BACA JUGA" goes, when an editor chose another paragraph."""

    article = models.OneToOneField(
        "articles.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        validators=[MaxValueValidator(99)],
        help_text=_("The inline related read follows this paragraph; 0 shows none inline."),
    )

    def __str__(self):
        return f"{self.article_id}: {self.after_paragraph}"
