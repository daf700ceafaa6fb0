from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class MapBlock(blocks.StructBlock):
    """A map in an article body: one marked place, or the recent coverage around it.

    Without JavaScript readers get the caption and the place name; the map
    library loads only when the block scrolls into view.
    """

    place_name = blocks.CharBlock(label=_("place name"), max_length=200)
    latitude = blocks.FloatBlock(
        label=_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = blocks.FloatBlock(
        label=_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    zoom = blocks.IntegerBlock(label=_("zoom"), default=9, min_value=3, max_value=16)
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "site"
        label = _("Map")
        template = "maps/blocks/map.html"
