"""Correction notes: written on a published article without a new review cycle.

An editor who may publish the article opens "Corrections" from its header menu,
writes a note (correction, clarification or update) and saves it: readers see it
at the top of the article at once (the page and the site's log are purged on
commit), and its time moves the article's modified time (`latest_note_times`,
registered with `articles.modified`). A note is never deleted: withdrawing it
keeps the note, says when and why, and both actions go to the page's Wagtail log.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import log

from warta.articles.models import ArticlePage
from warta.core.purge import purge_on_commit
from warta.trust.models import MAX_NOTE, CorrectionNote, NoteKind

MENU_LABEL = gettext_lazy("Corrections")
ADD_ACTION = "trust.correction.add"
WITHDRAW_ACTION = "trust.correction.withdraw"

# Anything that looks like an HTML tag or comment: notes are plain text.
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def plain_text(value):
    if TAG.search(value):
        raise forms.ValidationError(
            _("Write the note as plain text: HTML tags such as <script> are not allowed.")
        )
    return value


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=NoteKind.choices)
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_NOTE,
        help_text=gettext_lazy("Plain text readers see at the top of the article."),
    )

    def clean_text(self):
        return plain_text(self.cleaned_data["text"].strip())


class WithdrawForm(forms.Form):
    note = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why is it withdrawn?"),
        max_length=500,
        help_text=gettext_lazy("Readers see this reason with the withdrawn note."),
    )

    def clean_reason(self):
        return plain_text(self.cleaned_data["reason"].strip())


def note_time(note):
    return max(moment for moment in (note.created_at, note.withdrawn_at) if moment)


def latest_note_times(pages):
    """{page pk: its newest note or withdrawal time} (registered with articles.modified).

    Many pages (feeds, sitemaps): one grouped query. One page (the article
    itself, for its JSON-LD): one query for its notes, kept on the page as
    `trust_notes`, so the page's notes at the top cost no second query.
    """
    if len(pages) == 1:
        notes = article_notes(pages[0])
        return {pages[0].pk: max(map(note_time, notes))} if notes else {}
    rows = (
        CorrectionNote.objects.filter(article_id__in=[page.pk for page in pages])
        .values("article_id")
        .annotate(created=Max("created_at"), withdrawn=Max("withdrawn_at"))
    )
    return {
        row["article_id"]: max(moment for moment in (row["created"], row["withdrawn"]) if moment)
        for row in rows
    }


def article_notes(page):
    """The notes on `page`, newest first: one query, then kept on the instance."""
    notes = getattr(page, "trust_notes", None)
    if notes is None:
        notes = list(CorrectionNote.objects.filter(article_id=page.pk)) if page.pk else []
        page.trust_notes = notes
    return notes


def add_article_and_log(batch, page_id):
    """Purge the article and its site's corrections log and feed."""
    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None:
        return
    batch.add_page(page)
    site = page.get_site()
    if site is not None:
        for name in ("trust-corrections", "trust-corrections-feed"):
            batch.add_url(site.root_url + reverse(name))


def add_note(article, user, kind, text, created_at=None):
    """Write a note on `article` and log it; readers' caches are purged on commit."""
    with transaction.atomic():
        note = CorrectionNote.objects.create(
            article=article,
            kind=kind,
            text=text,
            created_by=user,
            created_at=created_at or timezone.now(),
        )
        log(
            instance=article,
            action=ADD_ACTION,
            user=user,
            data={"note": {"id": note.pk, "kind": note.kind, "text": note.text}},
        )
        purge_on_commit(add_article_and_log, article.pk)
    return note


def withdraw_note(note, user, reason):
    with transaction.atomic():
        note.withdrawn_at = timezone.now()
        note.withdrawn_by = user
        note.withdraw_reason = reason
        note.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
        log(
            instance=note.article,
            action=WITHDRAW_ACTION,
            user=user,
            data={"note": {"id": note.pk, "kind": note.kind, "reason": reason}},
        )
        purge_on_commit(add_article_and_log, note.article_id)
    return note


def publishable_article(page_id, user):
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(user).can_publish():
        raise PermissionDenied
    return article


def corrections_view(request, page_id):
    article = publishable_article(page_id, request.user)
    note_form, withdraw_form = NoteForm(), None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "add":
            note_form = NoteForm(request.POST)
            if not article.live:
                messages.error(request, _("Notes go on published articles only."))
            elif note_form.is_valid():
                add_note(article, request.user, **note_form.cleaned_data)
                messages.success(request, _("Note published on the article."))
                return redirect("trust_corrections", article.pk)
        elif action == "withdraw":
            withdraw_form = WithdrawForm(request.POST)
            if withdraw_form.is_valid():
                note = CorrectionNote.objects.filter(
                    pk=withdraw_form.cleaned_data["note"], article=article
                ).first()
                if note is None:
                    messages.error(request, _("That note is not on this article."))
                elif note.withdrawn:
                    messages.error(request, _("That note was already withdrawn."))
                else:
                    withdraw_note(note, request.user, withdraw_form.cleaned_data["reason"])
                    messages.success(request, _("Note withdrawn; readers see that it was."))
                    return redirect("trust_corrections", article.pk)
        else:
            messages.error(request, _("Unknown action."))
        status = 400
    notes = list(
        CorrectionNote.objects.filter(article=article).select_related("created_by", "withdrawn_by")
    )
    withdraw_for = withdraw_form.data.get("note") if withdraw_form is not None else None
    for note in notes:
        if withdraw_for == str(note.pk):
            note.withdraw_form = withdraw_form
        else:
            note.withdraw_form = WithdrawForm(initial={"note": note.pk}, auto_id=f"id_%s_{note.pk}")
    context = {
        "page": article,
        "notes": notes,
        "note_form": note_form,
        "header_title": _("Corrections: %(title)s") % {"title": article.title},
        "page_title": MENU_LABEL,
        "page_subtitle": article.title,
        "header_icon": "warning",
    }
    return TemplateResponse(request, "trust/corrections_admin.html", context, status=status)


class CorrectionsMenuItem(PageMenuItem):
    label = MENU_LABEL
    icon_name = "warning"
    url_name = "trust_corrections"

    def is_shown(self, user):
        return (
            self.page.specific_class is ArticlePage
            and self.page.live
            and self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("trust/corrections/<int:page_id>/", corrections_view, name="trust_corrections")]


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield CorrectionsMenuItem(page=page, priority=14)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield CorrectionsMenuItem(page=page, priority=11)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        ADD_ACTION, gettext_lazy("Add correction note"), gettext_lazy("Correction note added")
    )
    actions.register_action(
        WITHDRAW_ACTION,
        gettext_lazy("Withdraw correction note"),
        gettext_lazy("Correction note withdrawn"),
    )
