"""The old-story-edit alarm: published articles changed long after they first went out.

A hijacked editor account quietly rewriting the archive is a known attack on
newsrooms. Every publication of an article more than ``WARTA_OLD_EDIT_DAYS``
(default 30) days after its *first* publication in Warta is listed in the admin
report "Perubahan berita lama" (who, when, how long after, and a link to
Wagtail's revision comparison), and, when ``WARTA_OLD_EDIT_EMAIL`` is on
(default), mailed to the editors and admins.

The clock is ``first_published_at`` (when the page first went live here), not
the readers' ``published_at``: an imported archive keeps its 2019 dates, and its
import is not an edit.
"""

import difflib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, Revision

from warta.articles.models import ArticlePage
from warta.people.roles import ADMIN, EDITOR

PUBLISH_ACTION = "wagtail.publish"


def old_edit_days() -> int:
    return int(getattr(settings, "WARTA_OLD_EDIT_DAYS", 30))


def old_edit_entries(days: int | None = None):
    """Publish log entries of articles made more than ``days`` after first publication."""
    days = old_edit_days() if days is None else days
    return (
        PageLogEntry.objects.filter(
            action=PUBLISH_ACTION,
            content_type=ContentType.objects.get_for_model(ArticlePage),
            page__first_published_at__isnull=False,
            timestamp__gt=F("page__first_published_at") + timedelta(days=days),
        )
        .select_related("page", "user", "revision")
        .order_by("-timestamp", "-pk")
    )


def previous_revision_ids(entries) -> dict[int, int]:
    """{entry pk: the revision published before it} for the entries given, in one query."""
    entries = list(entries)
    if not entries:
        return {}
    earlier = (
        PageLogEntry.objects.filter(
            action=PUBLISH_ACTION,
            page_id__in={entry.page_id for entry in entries},
            revision__isnull=False,
        )
        .order_by("page_id", "timestamp", "pk")
        .values_list("pk", "page_id", "timestamp", "revision_id")
    )
    by_page: dict[int, list] = {}
    for row in earlier:
        by_page.setdefault(row[1], []).append(row)
    found = {}
    for entry in entries:
        before = [
            row
            for row in by_page.get(entry.page_id, [])
            if (row[2], row[0]) < (entry.timestamp, entry.pk) and row[3] != entry.revision_id
        ]
        if before:
            found[entry.pk] = before[-1][3]
    return found


def compare_url(page_id: int, before_id: int | None, after_id: int | None) -> str:
    if not (before_id and after_id):
        return ""
    return reverse("wagtailadmin_pages:revisions_compare", args=(page_id, before_id, after_id))


def _texts(value):
    """Every piece of text in a StreamField's raw data, in order."""
    if isinstance(value, str):
        text = strip_tags(value).strip()
        if text:
            yield text
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type", "image", "video", "page"):
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def readable_lines(page) -> list[str]:
    """A page version as plain lines of text: what a reader would read, not JSON."""
    lines = [page.title]
    if getattr(page, "standfirst", ""):
        lines.append(page.standfirst)
    lines.extend(_texts(list(page.body.raw_data)))
    return lines


def text_diff(before: Revision, after: Revision) -> str:
    return "\n".join(
        difflib.unified_diff(
            readable_lines(before.as_object()),
            readable_lines(after.as_object()),
            fromfile=_("before"),
            tofile=_("after"),
            lineterm="",
        )
    )


def is_old_edit(page, when) -> bool:
    first = page.first_published_at
    return bool(first and when - first > timedelta(days=old_edit_days()))


def alarm_recipients() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[EDITOR, ADMIN])
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(users)


def send_alarm(entry: PageLogEntry, admin_base_url: str = "") -> bool:
    """Mail the editors about one old-story edit; False when there is no one to tell."""
    recipients = alarm_recipients()
    if not recipients or entry.revision_id is None:
        return False
    page = entry.page.specific
    before_id = previous_revision_ids([entry]).get(entry.pk)
    days = (entry.timestamp - page.first_published_at).days
    who = entry.user.get_username() if entry.user else _("unknown")
    lines = [
        _("“%(title)s” was published again %(days)s days after it first went out.")
        % {"title": page.title, "days": days},
        _("By: %(who)s, at %(when)s (UTC).")
        % {"who": who, "when": entry.timestamp.strftime("%Y-%m-%d %H:%M")},
        "",
    ]
    if before_id:
        lines.append(text_diff(Revision.objects.get(pk=before_id), entry.revision))
        lines += ["", admin_base_url + compare_url(page.pk, before_id, entry.revision_id)]
    send_mail(
        _("Old story changed: %(title)s") % {"title": page.title},
        "\n".join(lines),
        None,
        recipients,
    )
    return True
