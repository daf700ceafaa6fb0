"""Publishing rule: a story's photos must carry a credit and alt text.

Enforced on the page form, not on the image, because photos arrive from the
field (bulk upload, reporters' phones) before anyone has written alt text;
Wagtail defers required checks when a draft is saved, and so do we, so a
draft is never lost for want of a credit.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.admin.forms import WagtailAdminPageForm

from warta.images.renditions import body_photos


def missing_credit_or_alt(images):
    problems = []
    for image in images:
        missing = []
        if not (image.credit or "").strip():
            missing.append(_("a credit"))
        if not (image.description or "").strip():
            missing.append(_("alt text"))
        if missing:
            problems.append(
                _("Photo “%(title)s” needs %(missing)s before it can be published.")
                % {"title": image.title, "missing": _(" and ").join(missing)}
            )
    return problems


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


# Wagtail's upload errors that its Indonesian catalogue leaves untranslated;
# named here so `makemessages` keeps our translations of them in this app's catalogue.
WAGTAIL_UPLOAD_MESSAGES = (
    gettext_noop(
        "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
    ),
    gettext_noop("unknown number"),
)
