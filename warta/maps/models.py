"""Places: where a story, a live update, a photo or a video happened.

`Placed` is an abstract model so every placed thing keeps its place in its own
row: lists, feeds and map queries then need no join per item, and each app
owns its migration. The maps app builds the gazetteer, the map picker and the
public maps on top of these fields.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Two decimals of a degree are about 1.1 km at the equator: close enough for a
# map of coverage, too coarse to find a source's house.
APPROXIMATE_DECIMALS = 2


def round_approximate(value):
    return None if value is None else round(value, APPROXIMATE_DECIMALS)


class Placed(models.Model):
    place_name = models.CharField(
        _("place name"),
        max_length=200,
        blank=True,
        help_text=_("As readers should see it, e.g. “Pantai Kuta” or “Distrik Sentani”."),
    )
    place_latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    place_longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    place_approximate = models.BooleanField(
        _("approximate place"),
        default=False,
        help_text=_(
            "Round the point to about 1 km before it is saved, to protect sources. "
            "The exact point is not kept."
        ),
    )
    place_regency = models.CharField(_("regency / city"), max_length=120, blank=True)
    place_province = models.CharField(_("province"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Rounded before the row is stored, so nothing built from it (map index,
        # GeoJSON, structured data) can hold the exact point of a protected source.
        if self.place_approximate:
            self.place_latitude = round_approximate(self.place_latitude)
            self.place_longitude = round_approximate(self.place_longitude)
        super().save(*args, **kwargs)

    @property
    def has_place(self):
        return self.place_latitude is not None and self.place_longitude is not None
