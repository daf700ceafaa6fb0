"""The image edit form (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

from django.utils.translation import gettext_lazy, gettext_noop
from wagtail.images.forms import BaseImageForm

from warta.core.places import PlacePickerWidget


class WartaImageForm(BaseImageForm):
    """The image form: the original's GPS point is shown to editors, read-only,
    and offered as a suggested place on the place picker (one click to use it)."""

    suggested_place_help = gettext_lazy(
        "Read from the GPS data in the uploaded file; only editors see it. Copy it into "
        "the place above only if showing it cannot endanger a source."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("original_latitude", "original_longitude"):
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = self.suggested_place_help
        if "place_name" in self.fields:
            self.fields["place_name"].widget = PlacePickerWidget(
                attrs=self.fields["place_name"].widget.attrs,
                suggestion=self.instance.suggested_place if self.instance.pk else None,
            )


# Wagtail's upload errors that its Indonesian catalogue leaves untranslated;
# named here so `makemessages` keeps our translations of them in this app's catalogue.
WAGTAIL_UPLOAD_MESSAGES = (
    gettext_noop(
        "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
    ),
    gettext_noop("unknown number"),
)
