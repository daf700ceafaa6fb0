from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from warta.maps.models import PLACE_FIELDS
from warta.maps.widgets import PICKER_MEDIA, picker_config


class PlacePickerPanel(Panel):
    """A map above the place fields: click or drag to set the point, search by name.

    It edits the form's own inputs (found by their ids, so it also works in
    inline forms with prefixes); without JavaScript the fields still work.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "maps/panels/place_picker.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            fields = {
                name: self.form[name].auto_id for name in PLACE_FIELDS if name in self.form.fields
            }
            context["picker"] = picker_config(fields)
            return context

        @property
        def media(self):
            return PICKER_MEDIA


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
