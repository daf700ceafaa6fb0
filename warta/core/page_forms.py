"""The base admin form of every page: a second saver never silently overwrites the first.

Wagtail 8 tells editors of one page about each other while they edit (editing
sessions, pinged every ``WAGTAIL_EDITING_SESSION_PING_INTERVAL``) and refuses
an autosave made from an out-of-date revision, but a full "Save draft" or
"Publish" POST from a stale form is saved regardless. This form refuses that
one too, with the name of who saved in between, and keeps what the editor
typed: the re-rendered form carries the newest revision, so saving again from
it is a deliberate choice to replace that version.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def stale_revision(form):
    """The revision saved since the form was loaded, or None (Wagtail's own test)."""
    page = form.instance
    if not page.pk or not form.is_bound:
        return None
    latest = page.get_latest_revision()
    if latest is None:
        return None
    # After an autosave the form names the revision it keeps overwriting.
    overwrite = form.data.get("overwrite_revision_id")
    if overwrite:
        return latest if overwrite != str(latest.pk) else None
    loaded = form.data.get("loaded_revision_id")
    if not loaded:
        return None
    if loaded != str(latest.pk):
        return latest
    if form.data.get("loaded_revision_created_at", "") != latest.created_at.isoformat():
        return latest
    return None


class ConcurrentEditPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        newer = stale_revision(self)
        if newer is not None:
            who = (newer.user.get_full_name() or newer.user.get_username()) if newer.user else "?"
            when = date_format(timezone.localtime(newer.created_at), "DATETIME_FORMAT")
            raise ValidationError(
                _(
                    "%(user)s saved this page at %(time)s, after you opened it. Your changes "
                    "have not been saved, so theirs are not overwritten: compare the versions "
                    "in the page's history, then save again to replace their version with yours."
                )
                % {"user": who, "time": when},
                code="stale_revision",
            )
        return cleaned_data
