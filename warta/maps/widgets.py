"""The place picker as a form widget, for admin forms that are not built from panels.

Wagtail's image edit view renders its form field by field, without panels, so
photos get the picker through the widget of their `place_name` field; page and
snippet forms get the same picker through `place_panel()`.
"""

from django import forms
from django.urls import reverse

from warta.maps.config import map_settings
from warta.maps.models import PLACE_FIELDS

PICKER_MEDIA = forms.Media(
    css={"all": ["vendor/leaflet/leaflet.css", "maps/maps.css"]},
    js=["vendor/leaflet/leaflet.js", "maps/picker.js"],
)


def picker_config(fields, suggestion=None):
    """What picker.js needs: the ids of the form's place inputs and where to look places up.

    `suggestion`, if given, is a dict with latitude, longitude and a label: a
    point the editor can take with one click (a photo's own GPS).
    """
    config = {
        "fields": fields,
        "search_url": reverse("maps_gazetteer_search"),
        "reverse_url": reverse("maps_reverse_lookup"),
        **map_settings(),
    }
    if suggestion:
        config["suggestion"] = suggestion
    return config


class PlacePickerWidget(forms.TextInput):
    """The place-name input with the map picker under it.

    The other place inputs are found by Django's id convention: the same
    prefix as this input's id with the other field names.
    """

    template_name = "maps/widgets/place_picker.html"

    def __init__(self, *args, suggestion=None, **kwargs):
        self.suggestion = suggestion
        super().__init__(*args, **kwargs)

    @property
    def media(self):
        return PICKER_MEDIA

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        own_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        prefix = own_id[: -len("place_name")] if own_id.endswith("place_name") else "id_"
        fields = {field: f"{prefix}{field}" for field in PLACE_FIELDS}
        context["widget"]["picker_id"] = f"{own_id}-picker"
        context["widget"]["picker"] = picker_config(fields, self.suggestion)
        return context
