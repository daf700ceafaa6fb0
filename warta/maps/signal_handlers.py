from django.db.models.signals import pre_save
from wagtail.models import Revision

from warta.maps.models import round_approximate
from warta.maps.sources import register_sources


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


def register_signal_handlers():
    pre_save.connect(
        round_approximate_place_in_revision, sender=Revision, dispatch_uid="maps-revision-round"
    )
    register_sources()
