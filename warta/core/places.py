"""Places: where a story, a live update, a photo or a video happened.

`Placed` is an abstract model so every placed thing keeps its place in its own
row: lists, feeds and map queries then need no join per item, and each app
owns its migration. It lives in core because articles, live updates, photos
and videos all carry a place, and they sit in layers that must not import
each other.

The edit form gets the same fields everywhere through `place_panel()` (page
and snippet forms) or `PlacePickerWidget` (forms without panels, such as the
image form). What draws the map picker above them is not known here: the maps
app registers it (`register_picker`) in its `AppConfig.ready()`. Without a
registered picker the plain fields still work.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

# The fields `Placed` adds, in form order (the picker and forms without panels use this).
PLACE_FIELDS = (
    "place_name",
    "place_latitude",
    "place_longitude",
    "place_approximate",
    "place_regency",
    "place_province",
)

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


def round_approximate_place_in_revision(sender, instance, **kwargs):
    """Keep the exact point of an approximate place out of revisions too.

    Drafts, autosaves, scheduled and workflow versions are revisions: JSON
    copies of the form that `Placed.save()` never sees. Rounding here, for any
    model with `Placed` fields, means no stored version ever holds the point.
    """
    content = instance.content
    if isinstance(content, dict) and content.get("place_approximate"):
        for field in ("place_latitude", "place_longitude"):
            if isinstance(content.get(field), int | float):
                content[field] = round_approximate(content[field])


class PlacePicker:
    """What draws a map picker above the place fields. The maps app provides one.

    `template_name` is included with `picker` (the config) and `config_id` in
    its context; `config()` says what the browser code needs; `suggest()`
    turns a point read from a file (a photo's GPS) into a one-click suggestion.
    """

    template_name = ""
    media = forms.Media()

    def config(self, fields, suggestion=None):
        raise NotImplementedError

    def suggest(self, latitude, longitude):
        raise NotImplementedError


_picker = None


def register_picker(picker):
    global _picker
    _picker = picker


def registered_picker():
    return _picker


class PlacePickerPanel(Panel):
    """A map above the place fields: click or drag to set the point, search by name.

    It edits the form's own inputs (found by their ids, so it also works in
    inline forms with prefixes); without JavaScript the fields still work.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/places/panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            picker = registered_picker()
            if picker is not None:
                fields = {
                    name: self.form[name].auto_id
                    for name in PLACE_FIELDS
                    if name in self.form.fields
                }
                context["picker"] = picker.config(fields)
                context["picker_template"] = picker.template_name
            return context

        @property
        def media(self):
            picker = registered_picker()
            return picker.media if picker is not None else forms.Media()


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


class PlacePickerWidget(forms.TextInput):
    """The place-name input with the map picker under it.

    The other place inputs are found by Django's id convention: the same
    prefix as this input's id with the other field names. `suggestion` is a
    (latitude, longitude) the editor may take with one click.
    """

    template_name = "core/places/widget.html"

    def __init__(self, *args, suggestion=None, **kwargs):
        self.suggestion = suggestion
        super().__init__(*args, **kwargs)

    @property
    def media(self):
        picker = registered_picker()
        return picker.media if picker is not None else forms.Media()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picker = registered_picker()
        if picker is None:
            return context
        own_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        prefix = own_id[: -len("place_name")] if own_id.endswith("place_name") else "id_"
        fields = {field: f"{prefix}{field}" for field in PLACE_FIELDS}
        suggestion = picker.suggest(*self.suggestion) if self.suggestion else None
        context["widget"]["picker_id"] = f"{own_id}-picker"
        context["widget"]["picker"] = picker.config(fields, suggestion)
        context["widget"]["picker_template"] = picker.template_name
        return context
