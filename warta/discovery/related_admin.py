"""The newsroom's side of related reads: one admin page per article.

An editor on deadline opens it from the article's header menu ("Related
reads"), sees the list readers get in order, and pins, removes, restores or
adds an article in one click each. Only those who may publish the article may
change what its readers are offered. Every change purges the article's page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.widgets import AdminPageChooser

from warta.articles.models import ArticlePage
from warta.core.purge import purge_on_commit
from warta.discovery.related import DEFAULT_AFTER_PARAGRAPH, SHOWN, recompute
from warta.discovery.related_models import RelatedPlacement, RelatedRead

MENU_LABEL = gettext_lazy("Related reads")
ACTIONS = ("pin", "unpin", "remove", "restore", "up")


class AddForm(forms.Form):
    related = forms.ModelChoiceField(
        queryset=ArticlePage.objects.live(),
        label=gettext_lazy("Article"),
        widget=AdminPageChooser(target_models=[ArticlePage]),
        error_messages={"invalid_choice": gettext_lazy("Choose a published article.")},
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean_related(self):
        related = self.cleaned_data["related"]
        if related.pk == self.article.pk:
            raise forms.ValidationError(_("An article cannot be its own related read."))
        if related.get_site() != self.article.get_site():
            raise forms.ValidationError(_("Choose an article of the same site."))
        return related


class PlacementForm(forms.Form):
    after_paragraph = forms.IntegerField(
        label=gettext_lazy("Inline “Read also” after paragraph"),
        min_value=0,
        max_value=99,
        help_text=gettext_lazy("0 shows none inline; the list at the end stays."),
    )


def editable_article(page_id, user):
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(user).can_publish():
        raise PermissionDenied
    return article


def add_article_page(batch, page_id):
    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is not None:
        batch.add_page(page)


def related_reads_view(request, page_id):
    article = editable_article(page_id, request.user)
    placement = RelatedPlacement.objects.filter(article=article).first()
    add_form = AddForm(article=article)
    placement_form = PlacementForm(
        initial={
            "after_paragraph": placement.after_paragraph if placement else DEFAULT_AFTER_PARAGRAPH
        }
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ACTIONS:
            change_row(request, article, action)
            return redirect("related_reads", article.pk)
        if action == "add":
            add_form = AddForm(request.POST, article=article)
            if add_form.is_valid():
                pin(article, add_form.cleaned_data["related"], RelatedRead.Reason.EDITOR)
                messages.success(request, _("Article pinned."))
                return redirect("related_reads", article.pk)
        elif action == "placement":
            placement_form = PlacementForm(request.POST)
            if placement_form.is_valid():
                RelatedPlacement.objects.update_or_create(
                    article=article, defaults=placement_form.cleaned_data
                )
                purge_on_commit(add_article_page, article.pk)
                messages.success(request, _("Placement saved."))
                return redirect("related_reads", article.pk)
        elif action == "recompute":
            recompute(article.pk)
            purge_on_commit(add_article_page, article.pk)
            messages.success(request, _("Suggestions recomputed."))
            return redirect("related_reads", article.pk)
        else:
            messages.error(request, _("Unknown action."))
        status = 400
    rows = list(
        RelatedRead.objects.filter(article=article)
        .select_related("related")
        .order_by("removed", "-pinned", "position", "-score", "related_id")
    )
    shown = [row for row in rows if not row.removed and row.related.live][:SHOWN]
    context = {
        "page": article,
        "rows": rows,
        "shown": {row.pk for row in shown},
        "add_form": add_form,
        "placement_form": placement_form,
        "media": add_form.media,
        "header_title": _("Related reads: %(title)s") % {"title": article.title},
        "page_title": MENU_LABEL,
        "page_subtitle": article.title,
        "header_icon": "link",
    }
    return TemplateResponse(request, "discovery/related_admin.html", context, status=status)


def pin(article, related, reason):
    last = RelatedRead.objects.filter(article=article, pinned=True).aggregate(Max("position"))
    RelatedRead.objects.update_or_create(
        article=article,
        related=related,
        defaults={
            "pinned": True,
            "removed": False,
            "position": (last["position__max"] or 0) + 1,
        },
        create_defaults={
            "pinned": True,
            "position": (last["position__max"] or 0) + 1,
            "reason": reason,
        },
    )
    purge_on_commit(add_article_page, article.pk)


def change_row(request, article, action):
    row = get_object_or_404(RelatedRead, pk=request.POST.get("row") or 0, article=article)
    if action == "pin":
        pin(article, row.related, row.reason)
        messages.success(request, _("Article pinned."))
        return
    if action == "unpin":
        row.pinned = False
    elif action == "remove":
        row.pinned, row.removed = False, True
    elif action == "restore":
        row.removed = False
    elif action == "up":
        above = (
            RelatedRead.objects.filter(article=article, pinned=True, position__lt=row.position)
            .order_by("-position")
            .first()
        )
        if above is not None:
            above.position, row.position = row.position, above.position
            above.save(update_fields=["position"])
    row.save()
    purge_on_commit(add_article_page, article.pk)
    messages.success(request, _("Related reads changed."))


class RelatedReadsMenuItem(PageMenuItem):
    label = MENU_LABEL
    icon_name = "link"
    url_name = "related_reads"

    def is_shown(self, user):
        return self.page.specific_class is ArticlePage and (
            self.page.permissions_for_user(user).can_publish()
        )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("related-reads/<int:page_id>/", related_reads_view, name="related_reads")]


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield RelatedReadsMenuItem(page=page, priority=13)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield RelatedReadsMenuItem(page=page, priority=10)
