"""The admin report "Perubahan berita lama" (Reports menu): see `old_edits.py`."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from warta.trust.old_edits import (
    compare_url,
    old_edit_days,
    old_edit_entries,
    previous_revision_ids,
)

REPORT_PERMISSIONS = ["publish"]


class OldEditsReportView(ReportView):
    page_title = _("Old stories changed")
    header_icon = "warning"
    results_template_name = "trust/old_edits_results.html"
    index_url_name = "trust_old_edits"
    index_results_url_name = "trust_old_edits_results"
    any_permission_required = REPORT_PERMISSIONS
    permission_policy = PagePermissionPolicy()
    export_headings = {
        "page.title": _("Article"),
        "user": _("Changed by"),
        "timestamp": _("Published at"),
        "days_after": _("Days after first publication"),
    }
    list_export = ["page.title", "user", "timestamp", "days_after"]

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "publish"
        )
        return old_edit_entries().filter(page__in=pages.values("pk"))

    def decorate_paginated_queryset(self, object_list):
        entries = list(object_list)
        before = previous_revision_ids(entries)
        for entry in entries:
            entry.days_after = (entry.timestamp - entry.page.first_published_at).days
            entry.compare_url = compare_url(entry.page_id, before.get(entry.pk), entry.revision_id)
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["old_edit_days"] = old_edit_days()
        return context


class OldEditsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, REPORT_PERMISSIONS)


@hooks.register("register_admin_urls")
def old_edits_urls():
    return [
        path("laporan/berita-lama/", OldEditsReportView.as_view(), name="trust_old_edits"),
        path(
            "laporan/berita-lama/hasil/",
            OldEditsReportView.as_view(results_only=True),
            name="trust_old_edits_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def old_edits_menu_item():
    return OldEditsMenuItem(
        _("Old stories changed"),
        reverse("trust_old_edits"),
        name="old-stories-changed",
        icon_name="warning",
        order=1150,
    )
