"""The newsroom's image model: every photo carries its credit, caption and source.

It exists from the first migration because swapping Wagtail's image model
later means rewriting every foreign key to it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class WartaImage(AbstractImage):
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

    admin_form_fields = (
        *Image.admin_form_fields[:3],
        "credit",
        "caption",
        "source",
        *Image.admin_form_fields[3:],
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        # No permissions of its own: Wagtail checks image permissions against
        # wagtailimages.Image whatever the image model is.


class WartaRendition(AbstractRendition):
    image = models.ForeignKey(WartaImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
