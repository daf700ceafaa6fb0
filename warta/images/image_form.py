"""The image edit form (WAGTAILIMAGES_IMAGE_FORM_BASE).

Kept apart from forms.py: Wagtail's image forms module loads the image model,
and forms.py is imported while models are still loading.
"""

from django.utils.translation import gettext_lazy
from wagtail.images.forms import BaseImageForm

from warta.maps.gazetteer import nearest_place
from warta.maps.widgets import PlacePickerWidget


class WartaImageForm(BaseImageForm):
    """The image form: the original's GPS point is shown to editors, read-only,
    and offered as a suggested place on the map picker (one click to use it)."""

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
                attrs=self.fields["place_name"].widget.attrs, suggestion=self.gps_suggestion()
            )

    def gps_suggestion(self):
        point = self.instance.suggested_place if self.instance.pk else None
        if point is None:
            return None
        latitude, longitude = point
        try:
            nearest = nearest_place(latitude, longitude)
        except ValueError:  # a camera that wrote an impossible point
            nearest = None
        label = f"{latitude:.5f}, {longitude:.5f}"
        if nearest:
            area = ", ".join(dict.fromkeys([nearest.name, nearest.regency, nearest.province]))
            label = f"{area} ({label})"
        return {"latitude": latitude, "longitude": longitude, "label": label}
