"""What readers' pages are sent: an update as HTML, a coverage's status as a label.

An update is rendered once, in its site's language and time zone, when it
changes: the page's list, the event log, streams, replays and the JSON
endpoint all send the same HTML, so the server's work per update does not
grow with the number of readers.
"""

from django.template.loader import render_to_string
from django.utils import translation

from warta.core.models import site_settings_for


def render_update(update, site_settings=None):
    """An update as it appears in the reader's list (live/includes/update.html)."""
    if site_settings is None:
        site_settings = site_settings_for(update.coverage.page)
    with translation.override(site_settings.language):
        return render_to_string(
            "live/includes/update.html",
            {"update": update, "local_time": site_settings.local_datetime(update.time)},
        )


def update_data(update):
    """What a page needs to show or move an update: its HTML and what orders it."""
    return {
        "html": render_update(update),
        "headline": update.headline,
        "time": update.time.isoformat(),
        "pinned": update.pinned,
        "key_event": update.key_event,
    }


def status_data(coverage):
    """The coverage's status, labelled in its site's language."""
    with translation.override(site_settings_for(coverage.page).language):
        return {"status": coverage.status, "status_label": str(coverage.get_status_display())}
