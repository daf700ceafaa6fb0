"""The image edit form (WAGTAILIMAGES_IMAGE_FORM_BASE).

Kept apart from forms.py: Wagtail's image forms module loads the image model,
and forms.py is imported while models are still loading.
"""

from django.utils.translation import gettext_lazy
from wagtail.images.forms import BaseImageForm


class WartaImageForm(BaseImageForm):
    """The image form: the original's GPS point is shown to editors, read-only."""

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
