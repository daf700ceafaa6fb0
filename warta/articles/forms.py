"""The article page form: a story's photos must carry a credit and alt text to publish.

Enforced on the page form, not on the image, because photos arrive from the
field (bulk upload, reporters' phones) before anyone has written alt text;
Wagtail defers required checks when a draft is saved, and so do we, so a
draft is never lost for want of a credit. The rule itself is
`warta.images.rules.missing_credit_or_alt`.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from warta.images.renditions import body_photos
from warta.images.rules import missing_credit_or_alt


class CreditedPhotosPageForm(WagtailAdminPageForm):
    """Refuses to publish (or send for review) a page whose photos lack credit or alt text."""

    photo_fields = ("lead_image",)
    photo_stream_fields = ("body",)

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        images = [cleaned_data.get(name) for name in self.photo_fields if cleaned_data.get(name)]
        for name in self.photo_stream_fields:
            images.extend(image for image, _specs in body_photos(cleaned_data.get(name)))
        seen = {}
        for image in images:
            seen.setdefault(image.pk, image)
        problems = missing_credit_or_alt(seen.values())
        if problems:
            raise ValidationError(problems)
        return cleaned_data
