from django.forms import Media
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from warta.maps.config import map_settings


class PlacePickerPanel(Panel):
    """A map above the place fields: click or drag to set the point, search by name.

    It edits the form's own inputs (found by their ids, so it also works in
    inline forms with prefixes); without JavaScript the fields still work.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "maps/panels/place_picker.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            fields = {}
            for name in (
                "place_name",
                "place_latitude",
                "place_longitude",
                "place_approximate",
                "place_regency",
                "place_province",
            ):
                if name in self.form.fields:
                    fields[name] = self.form[name].auto_id
            context["picker"] = {
                "fields": fields,
                "search_url": reverse("maps_gazetteer_search"),
                "reverse_url": reverse("maps_reverse_lookup"),
                **map_settings(),
            }
            return context

        @property
        def media(self):
            return Media(
                css={"all": ["vendor/leaflet/leaflet.css", "maps/maps.css"]},
                js=["vendor/leaflet/leaflet.js", "maps/picker.js"],
            )


def place_panel(heading=None):
    """The edit-form panel for a `Placed` model's fields, the same on every form."""
    return MultiFieldPanel(
        [
            PlacePickerPanel(),
            FieldPanel("place_name"),
            FieldRowPanel([FieldPanel("place_latitude"), FieldPanel("place_longitude")]),
            FieldPanel("place_approximate"),
            FieldRowPanel([FieldPanel("place_regency"), FieldPanel("place_province")]),
        ],
        heading=heading or _("Place"),
    )
