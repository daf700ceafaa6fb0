"""The newsroom's image model: every photo carries its credit, caption and source.

It exists from the first migration because swapping Wagtail's image model
later means rewriting every foreign key to it.

Privacy: the uploaded original keeps whatever the camera wrote (GPS point,
device serial), so it is never served to readers (see
docs/decisions/0003-photos-and-video.md): originals live under
`original_images/`, which the media URL does not serve, and every rendition is
written without location or device metadata (`warta.images.metadata`). The
original's GPS point is copied into editor-only fields and shown as a
suggested place; it is never copied into the public place fields.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    ImageQuerySet,
    WagtailImageField,
    get_upload_to,
)

from warta.core.places import PLACE_FIELDS, Placed, PlacedQuerySetMixin
from warta.core.storage import private_storage
from warta.images.metadata import read_metadata


class WartaImageQuerySet(PlacedQuerySetMixin, ImageQuerySet):
    """Images' queryset whose bulk updates round approximate places (`core.places`)."""


class WartaImage(Placed, AbstractImage):
    objects = WartaImageQuerySet.as_manager()
    # An approximate photo keeps only the rounded GPS point too: it is the same place.
    approximate_also = ("original_latitude", "original_longitude")

    file = WagtailImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
        storage=private_storage,
    )
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Photographer or agency.")
    )
    caption = models.TextField(_("caption"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the photo came from, e.g. a reader, an agency or our reporter."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Hak cipta BALICITIZEN”, “CC BY 4.0” or the agency's terms."),
    )
    # Editor-only: read from the original's EXIF on upload, never published.
    original_latitude = models.FloatField(_("GPS latitude in the original"), null=True, blank=True)
    original_longitude = models.FloatField(
        _("GPS longitude in the original"), null=True, blank=True
    )

    admin_form_fields = (
        *Image.admin_form_fields[:3],
        "credit",
        "caption",
        "source",
        "licence",
        *Image.admin_form_fields[3:],
        *PLACE_FIELDS,
        "original_latitude",
        "original_longitude",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        # No permissions of its own: Wagtail checks image permissions against
        # wagtailimages.Image whatever the image model is.

    @property
    def suggested_place(self):
        """The original's GPS point, for editors only (maps use it as a suggestion)."""
        if self.original_latitude is None or self.original_longitude is None:
            return None
        return (self.original_latitude, self.original_longitude)

    def read_embedded_metadata(self):
        """Fill empty credit and caption from IPTC/XMP/EXIF; keep the GPS for editors."""
        try:
            with self.get_willow_image() as willow:
                found = read_metadata(willow.get_pillow_image())
        except (OSError, ValueError, SyntaxError):
            # The upload form has already checked the file is an image; damaged
            # metadata alone must not stop the photo from being saved.
            return
        finally:
            if not self.file.closed:
                self.file.seek(0)
        self.credit = self.credit or found.credit
        self.caption = self.caption or found.caption
        self.original_latitude = found.latitude
        self.original_longitude = found.longitude

    def _set_image_file_metadata(self):
        # Wagtail's forms call this whenever a new file is uploaded, replacements included.
        super()._set_image_file_metadata()
        self.read_embedded_metadata()

    def save(self, *args, **kwargs):
        # Photos created in code (importers, demo) get the same reading as uploads.
        if self._state.adding and self.file and self.original_latitude is None:
            self.read_embedded_metadata()
        super().save(*args, **kwargs)


class WartaRendition(AbstractRendition):
    image = models.ForeignKey(WartaImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
