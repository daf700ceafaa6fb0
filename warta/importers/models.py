"""What the importers remember between runs.

`ImportedObject` ties a WordPress object (post, page, attachment, author) to
what it became here, with a digest of what it was made from: a second run
finds the page through it and changes nothing when the digest is the same;
the old URLs it lists let the redirects be rebuilt.

`FeedSource` and `FeedItem` are the wire and RSS feeds polled into drafts, and
every entry taken from them (by GUID), so an entry is never drafted twice.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from warta.core.storage import private_storage


class ImportedObject(models.Model):
    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("attachment")
        AUTHOR = "author", _("author")

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The WordPress post ID, or an author's login.
    key = models.CharField(max_length=255)
    guid = models.CharField(max_length=1000, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "images.WartaImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    digest = models.CharField(max_length=64, blank=True)
    old_paths = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported object")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "key"], name="imported_object_key")
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class ImportRun(models.Model):
    """One WordPress import started from the admin: its upload, progress and report."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    # Kept with the private originals: an export holds unpublished drafts and e-mail addresses.
    file = models.FileField(upload_to="imports/", storage=private_storage)
    section_map = models.JSONField(default=dict, blank=True)
    create_users = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False)
    started_by = models.ForeignKey(
        "people.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("WordPress import")
        permissions = [("run_import", _("Can import WordPress exports"))]

    def __str__(self):
        return self.file.name


class FeedSource(models.Model):
    """A wire or partner feed (RSS 2.0 or Atom) whose new entries become drafts."""

    name = models.CharField(_("name"), max_length=120, help_text=_("Credited on every draft."))
    url = models.URLField(_("feed URL"), max_length=1000)
    allowed_host = models.CharField(
        _("allowed host"),
        max_length=255,
        blank=True,
        help_text=_("The only host the feed may be fetched from. Defaults to the URL's host."),
    )
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.ForeignKey(
        "articles.SectionPage",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Drafts are created in this section."),
    )
    interval_minutes = models.PositiveIntegerField(_("polling interval (minutes)"), default=15)
    active = models.BooleanField(_("active"), default=True)

    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    last_error = models.TextField(_("last error"), blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("allowed_host"),
        FieldPanel("site"),
        FieldPanel("section"),
        FieldPanel("interval_minutes"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")

    def __str__(self):
        return self.name

    @property
    def host(self):
        return (self.allowed_host or urlsplit(self.url).hostname or "").lower()

    def clean(self):
        if self.section_id and self.site_id:
            section_site = self.section.get_site()
            if section_site is None or section_site.pk != self.site_id:
                raise ValidationError({"section": _("The section must belong to the site.")})

    def schedule_next(self, now=None):
        now = now or timezone.now()
        self.last_polled_at = now
        self.next_poll_at = now + timedelta(minutes=max(self.interval_minutes, 1))


class FeedItem(models.Model):
    """An entry already taken from a feed (drafted, or skipped as a duplicate)."""

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    title = models.CharField(max_length=500)
    # Lower-cased, punctuation-free title, to spot the same story from another wire.
    title_key = models.CharField(max_length=500, db_index=True)
    link = models.URLField(max_length=1000, blank=True)
    page = models.ForeignKey(
        "articles.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("feed item")
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="feed_item_guid")]

    def __str__(self):
        return self.title
