"""The editors' WordPress import: upload an export, then watch its progress and report.

The upload is checked (size, that it is XML) and stored privately; the import
itself runs in the task worker (`runs.run_import`), one item per transaction,
so a long archive never holds a web request.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from warta.importers import runs
from warta.importers.forms import WordPressImportForm
from warta.importers.models import ImportRun

PERMISSION = "importers.run_import"
MENU_LABEL = _("WordPress import")


def check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def import_view(request):
    check(request)
    form = WordPressImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = runs.start(form, request.user)
        return redirect("wordpress_import_run", run.pk)
    return TemplateResponse(
        request,
        "importers/admin/import_form.html",
        {
            "form": form,
            "page_title": MENU_LABEL,
            "header_title": MENU_LABEL,
            "header_icon": "download",
            "recent": ImportRun.objects.order_by("-created_at")[:10],
        },
        status=400 if form.errors else 200,
    )


def run_view(request, run_id):
    check(request)
    run = get_object_or_404(ImportRun, pk=run_id)
    return TemplateResponse(
        request,
        "importers/admin/import_run.html",
        {
            "run": run,
            "page_title": MENU_LABEL,
            "header_title": MENU_LABEL,
            "header_icon": "download",
            "percent": (100 * run.done // run.total) if run.total else 0,
            "working": run.state in (ImportRun.State.QUEUED, ImportRun.State.RUNNING),
        },
    )
