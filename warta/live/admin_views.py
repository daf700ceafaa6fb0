"""The newsroom's side of a coverage: post, approve, edit and delete updates.

One short form on one admin page, no page revision per update: a reporter
on a phone posts in a few taps. The views check permissions and forms; every
write goes through `warta.live.services`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.models import Page

from warta.core.places import place_panel
from warta.live import services
from warta.live.models import COVERAGE_PAGE_TYPES, LiveCoverage, LiveUpdate
from warta.live.permissions import (
    can_change_update,
    can_moderate,
    can_post,
    publishes_directly,
)

ADMIN_LIST_LENGTH = 50


def update_panel():
    return ObjectList(
        [
            FieldPanel("headline"),
            FieldPanel("body"),
            FieldRowPanel([FieldPanel("pinned"), FieldPanel("key_event")]),
            place_panel(),
        ]
    ).bind_to_model(LiveUpdate)


def coverage_page(page_id, user):
    page = get_object_or_404(Page, pk=page_id).specific
    if page._meta.label not in COVERAGE_PAGE_TYPES:
        raise Http404(_("Live coverage can only be attached to topics and articles."))
    if not can_post(user, page):
        raise PermissionDenied
    return page


def form_context(request, panel, form):
    bound = panel.get_bound_panel(instance=form.instance, request=request, form=form)
    return {"panel": bound, "form": form, "media": form.media + bound.media}


def coverage_view(request, page_id):
    page = coverage_page(page_id, request.user)
    coverage = LiveCoverage.objects.filter(page=page).first()
    moderator = can_moderate(request.user, page)
    panel = update_panel()
    form_class = panel.get_form_class()
    status = 200
    form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("start", "status"):
            if not moderator:
                raise PermissionDenied
            return change_status(request, page, coverage)
        if coverage is None:
            raise Http404(_("This page has no live coverage yet."))
        update = LiveUpdate(coverage=coverage, author=request.user)
        form = form_class(request.POST, request.FILES, instance=update, for_user=request.user)
        if form.is_valid():
            update = form.save(commit=False)
            update.approved = publishes_directly(request.user, coverage, page)
            services.post(update)
            if update.approved:
                messages.success(request, _("Update posted."))
            else:
                messages.success(request, _("Update saved; it appears once an editor approves it."))
            return redirect("live_coverage", page.pk)
        messages.error(request, _("The update was not posted. Please correct the errors below."))
        status = 400
    context = {
        "page": page,
        "coverage": coverage,
        "moderator": moderator,
        "statuses": LiveCoverage.Status.choices,
        "header_title": _("Live coverage: %(title)s") % {"title": page.title},
        "page_title": _("Live coverage"),
        "page_subtitle": page.title,
        "header_icon": "time",
    }
    if coverage is not None:
        if form is None:
            form = form_class(instance=LiveUpdate(coverage=coverage), for_user=request.user)
        context.update(form_context(request, panel, form))
        updates = coverage.updates.select_related("author").order_by("approved", "-time")
        context["updates"] = [
            (update, can_change_update(request.user, update, page))
            for update in updates[:ADMIN_LIST_LENGTH]
        ]
    return TemplateResponse(request, "live/admin/coverage.html", context, status=status)


def change_status(request, page, coverage):
    if coverage is None:
        services.start(page)
        messages.success(request, _("Live coverage started."))
        return redirect("live_coverage", page.pk)
    status = request.POST.get("status")
    if status not in LiveCoverage.Status.values:
        messages.error(request, _("Choose live, paused or ended."))
        return redirect("live_coverage", page.pk)
    services.change_status(
        coverage, status, require_approval=request.POST.get("require_approval") == "on"
    )
    messages.success(request, _("Coverage status changed."))
    return redirect("live_coverage", page.pk)


def changeable_update(request, update_id):
    update = get_object_or_404(LiveUpdate.objects.select_related("coverage"), pk=update_id)
    page = coverage_page(update.coverage.page_id, request.user)
    if not can_change_update(request.user, update, page):
        raise PermissionDenied
    return update, page


def edit_update(request, update_id):
    update, page = changeable_update(request, update_id)
    panel = update_panel()
    form_class = panel.get_form_class()
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=update, for_user=request.user)
        if form.is_valid():
            services.edit(form.save(commit=False))
            messages.success(request, _("Update saved."))
            return redirect("live_coverage", page.pk)
        messages.error(request, _("The update was not saved. Please correct the errors below."))
        status = 400
    else:
        form = form_class(instance=update, for_user=request.user)
    context = {
        "page": page,
        "update": update,
        "header_title": _("Edit update"),
        "page_title": _("Edit update"),
        "page_subtitle": page.title,
        "header_icon": "edit",
        **form_context(request, panel, form),
    }
    return TemplateResponse(request, "live/admin/edit_update.html", context, status=status)


def delete_update(request, update_id):
    update, page = changeable_update(request, update_id)
    if request.method == "POST":
        services.withdraw(update)
        messages.success(request, _("Update deleted."))
        return redirect("live_coverage", page.pk)
    context = {
        "page": page,
        "update": update,
        "header_title": _("Delete update"),
        "page_title": _("Delete update"),
        "page_subtitle": page.title,
        "header_icon": "bin",
    }
    return TemplateResponse(request, "live/admin/confirm_delete.html", context)


@require_POST
def approve_update(request, update_id):
    update = get_object_or_404(LiveUpdate.objects.select_related("coverage"), pk=update_id)
    page = coverage_page(update.coverage.page_id, request.user)
    if not can_moderate(request.user, page):
        raise PermissionDenied
    if services.approve(update):
        messages.success(request, _("Update approved and published."))
    return redirect("live_coverage", page.pk)


MENU_LABEL = gettext_lazy("Live coverage")
