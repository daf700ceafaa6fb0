"""The map place picker that edit forms show above their place fields.

Registered with `warta.core.places` in `MapsConfig.ready()`: core draws the
panel and the widget, this module says what goes in them (Leaflet, the
gazetteer search, the offline outline) and names a photo's GPS point.
"""

from django import forms
from django.urls import reverse

from warta.core.places import PlacePicker
from warta.maps.config import map_settings
from warta.maps.gazetteer import nearest_place


class MapPlacePicker(PlacePicker):
    template_name = "maps/includes/place_picker.html"
    media = forms.Media(
        css={"all": ["vendor/leaflet/leaflet.css", "maps/maps.css"]},
        js=["vendor/leaflet/leaflet.js", "maps/picker.js"],
    )

    def config(self, fields, suggestion=None):
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

    def suggest(self, latitude, longitude):
        """The point labelled with the district, regency and province it is nearest to."""
        try:
            nearest = nearest_place(latitude, longitude)
        except ValueError:  # a camera that wrote an impossible point
            nearest = None
        label = f"{latitude:.5f}, {longitude:.5f}"
        if nearest:
            area = ", ".join(dict.fromkeys([nearest.name, nearest.regency, nearest.province]))
            label = f"{area} ({label})"
        return {"latitude": latitude, "longitude": longitude, "label": label}
