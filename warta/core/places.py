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
from django.db import models, transaction
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


POINT_FIELDS = ("place_latitude", "place_longitude")


def round_fields(obj, fields):
    """Round `fields` of `obj` (an instance or a dict) in place; True if any changed."""
    changed = False
    for field in fields:
        value = obj.get(field) if isinstance(obj, dict) else getattr(obj, field)
        if isinstance(value, int | float) and not isinstance(value, bool):
            rounded = round_approximate(value)
            if rounded != value:
                changed = True
                if isinstance(obj, dict):
                    obj[field] = rounded
                else:
                    setattr(obj, field, rounded)
    return changed


def round_stored_rows(model, fields=POINT_FIELDS, pks=None, using="default", batch=500):
    """Round the point of every approximate row of `model` (only `pks` if given).

    Written with the base manager's plain update, so it works for historical
    models in data migrations and never re-enters `PlacedQuerySet.update`.
    Returns the number of rows changed.
    """
    rows = model._base_manager.using(using).filter(place_approximate=True)
    if pks is not None:
        pks = list(pks)
        chunks = [pks[start : start + batch] for start in range(0, len(pks), batch)]
    else:
        chunks = [None]
    changed = 0
    for chunk in chunks:
        selected = rows if chunk is None else rows.filter(pk__in=chunk)
        for row in selected.only("pk", *fields).iterator(chunk_size=batch):
            if round_fields(row, fields):
                values = {field: getattr(row, field) for field in fields}
                models.QuerySet.update(model._base_manager.using(using).filter(pk=row.pk), **values)
                changed += 1
    return changed


class PlacedQuerySetMixin:
    """Round approximate places on the bulk paths that skip `Placed.save()`.

    `bulk_create` and `bulk_update` round the instances first; `update()` that
    touches a point or the approximate flag rounds the affected rows after, in
    the same transaction. Mixed into each placed model's queryset.
    """

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.round_approximate_place()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        rounded = self.model.approximate_point_fields()
        if {"place_approximate", *rounded} & set(fields):
            fields = [*fields, *(field for field in rounded if field not in fields)]
            for obj in objs:
                obj.round_approximate_place()
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        rounded = self.model.approximate_point_fields()
        if not {"place_approximate", *rounded} & kwargs.keys():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            round_stored_rows(self.model, rounded, pks=pks, using=self.db)
        return count

    update.alters_data = True


class PlacedQuerySet(PlacedQuerySetMixin, models.QuerySet):
    pass


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

    # Other fields holding the same point that are rounded with it (a photo's GPS).
    approximate_also = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Rounded before the row is stored, so nothing built from it (map index,
        # GeoJSON, structured data) can hold the exact point of a protected source.
        self.round_approximate_place()
        super().save(*args, **kwargs)
        if self.place_approximate and hasattr(self, "latest_revision_id"):
            # A page (or other revisioned model) made approximate outside a
            # revision, e.g. in the shell: its older versions go the same way.
            latest = self.latest_revision
            if latest is None or not content_is_rounded(latest.content):
                round_revision_history(self)

    @classmethod
    def approximate_point_fields(cls):
        return (*POINT_FIELDS, *cls.approximate_also)

    def round_approximate_place(self):
        """Round the point if the place is approximate; True if anything changed."""
        if not self.place_approximate:
            return False
        return round_fields(self, self.approximate_point_fields())

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
        round_fields(content, POINT_FIELDS)


def content_is_rounded(content):
    """Whether a revision's content is approximate with its point already rounded."""
    if not (isinstance(content, dict) and content.get("place_approximate")):
        return False
    return not round_fields(dict(content), POINT_FIELDS)


def round_older_revisions(sender, instance, created, **kwargs):
    """Once a version says "approximate", the object's earlier versions lose the exact point too.

    Earlier versions are rounded whatever their own flag said: the editor has
    said the point protects a source. Cheap in the usual case: if the version
    before this one is already approximate and rounded, so are all before it.
    """
    if not (created and content_is_rounded(instance.content)):
        return
    siblings = (
        type(instance)
        .objects.filter(
            base_content_type_id=instance.base_content_type_id, object_id=instance.object_id
        )
        .exclude(pk=instance.pk)
    )
    previous = siblings.filter(pk__lt=instance.pk).order_by("-pk").only("content").first()
    if previous is not None and not content_is_rounded(previous.content):
        round_revisions(siblings)


def round_revisions(revisions):
    """Round the point in every revision of `revisions` (a queryset); the count changed."""
    changed = 0
    for revision in revisions.only("pk", "content").iterator(chunk_size=200):
        content = revision.content
        if isinstance(content, dict) and round_fields(content, POINT_FIELDS):
            models.QuerySet.update(
                revisions.model._base_manager.using(revisions.db).filter(pk=revision.pk),
                content=content,
            )
            changed += 1
    return changed


def round_all_stored_revisions(Revision, approximate_pages, using="default"):
    """For a data migration: round every revision of any object with an approximate version.

    `approximate_pages` are the pks of page rows that are approximate now (their
    revisions are rounded even if none of them says so). Returns the count changed.
    """
    objects = {("page", str(pk)) for pk in approximate_pages}
    page_type = None
    for revision in (
        Revision._base_manager.using(using)
        .only("base_content_type_id", "object_id", "content")
        .iterator(chunk_size=200)
    ):
        content = revision.content
        if isinstance(content, dict) and content.get("place_approximate"):
            objects.add((revision.base_content_type_id, revision.object_id))
    changed = 0
    for base_type, object_id in objects:
        if base_type == "page":
            if page_type is None:
                ContentType = Revision._meta.get_field("base_content_type").related_model
                page_type = (
                    ContentType._base_manager.using(using)
                    .filter(app_label="wagtailcore", model="page")
                    .values_list("pk", flat=True)
                    .first()
                )
            base_type = page_type
        changed += round_revisions(
            Revision._base_manager.using(using).filter(
                base_content_type_id=base_type, object_id=object_id
            )
        )
    return changed


def round_revision_history(obj):
    from wagtail.models import Revision

    return round_revisions(Revision.objects.for_instance(obj))


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
