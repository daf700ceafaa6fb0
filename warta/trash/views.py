"""The "Sampah" admin pages: what is in the trash, restore, delete for good (admins only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from warta.trash import services
from warta.trash.models import TrashedPage
from warta.video.models import Video
from warta.video.permissions import video_permission_policy

TITLE = gettext_lazy("Trash")


def _may_restore_page(user, entry):
    return user.is_superuser or entry.page.permissions_for_user(user).can_delete()


def _may_restore_video(user, video):
    return video_permission_policy().user_has_permission_for_instance(user, "delete", video)


def index(request):
    user = request.user
    pages = [
        entry
        for entry in TrashedPage.objects.select_related("page", "trashed_by")
        if _may_restore_page(user, entry)
    ]
    videos = [
        video
        for video in Video.objects.exclude(trashed_at=None).select_related("trashed_by")
        if _may_restore_video(user, video)
    ]
    return TemplateResponse(
        request,
        "trash/index.html",
        {
            "page_title": TITLE,
            "header_title": TITLE,
            "header_icon": "bin",
            "pages": pages,
            "videos": videos,
            "days": services.trash_days(),
            "may_delete_for_good": services.may_delete_for_good(user),
        },
    )


@require_POST
def restore_page(request, pk):
    entry = get_object_or_404(TrashedPage.objects.select_related("page"), pk=pk)
    if not _may_restore_page(request.user, entry):
        raise PermissionDenied
    page = services.restore_page(entry, user=request.user)
    messages.success(request, _("“%(title)s” was restored.") % {"title": page.title})
    return redirect("trash_index")


@require_POST
def delete_page(request, pk):
    if not services.may_delete_for_good(request.user):
        raise PermissionDenied
    entry = get_object_or_404(TrashedPage.objects.select_related("page"), pk=pk)
    title = entry.page.title
    services.delete_page_for_good(entry, user=request.user)
    messages.success(request, _("“%(title)s” was deleted for good.") % {"title": title})
    return redirect("trash_index")


@require_POST
def restore_video(request, pk):
    video = get_object_or_404(Video.objects.exclude(trashed_at=None), pk=pk)
    if not _may_restore_video(request.user, video):
        raise PermissionDenied
    services.restore_video(video, user=request.user)
    messages.success(request, _("“%(title)s” was restored.") % {"title": video.title})
    return redirect("trash_index")


@require_POST
def delete_video(request, pk):
    if not services.may_delete_for_good(request.user):
        raise PermissionDenied
    video = get_object_or_404(Video.objects.exclude(trashed_at=None), pk=pk)
    title = video.title
    services.delete_video_for_good(video, user=request.user)
    messages.success(request, _("“%(title)s” was deleted for good.") % {"title": title})
    return redirect("trash_index")
