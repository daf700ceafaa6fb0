from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


def place_panel(heading=None):
    """The edit-form panel for a `Placed` model's fields, the same on every form."""
    return MultiFieldPanel(
        [
            FieldPanel("place_name"),
            FieldRowPanel([FieldPanel("place_latitude"), FieldPanel("place_longitude")]),
            FieldPanel("place_approximate"),
            FieldRowPanel([FieldPanel("place_regency"), FieldPanel("place_province")]),
        ],
        heading=heading or _("Place"),
    )
