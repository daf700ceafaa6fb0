"""Discovery's own tables: the search index (one row per published, public story)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from warta.discovery.related_models import RelatedPlacement, RelatedProfile, RelatedRead  # noqa: F401


class SearchEntry(models.Model):
    """A published story as search sees it: filters, display text and analysed terms.

    `title_terms` and `body_terms` hold the output of `analysis.index_terms`, space
    separated. SQLite matches them through the FTS5 table `discovery_search_fts`,
    kept in step by triggers; PostgreSQL through the generated tsvector column
    `search_vector` (both made in migration 0002_search, outside Django's model state).
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True)
    section = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    story_type = models.CharField(max_length=20, blank=True, db_index=True)
    published_at = models.DateTimeField(db_index=True)
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title
