"""The trash in the admin: deleting moves to the trash; "Sampah" restores or deletes for good."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from warta.trash import services, views
from warta.video.models import Video


def _moved_message(request, title):
    messages.success(
        request,
        _("“%(title)s” was moved to the trash. It can be restored there for %(days)s days.")
        % {"title": title, "days": services.trash_days()},
    )


@hooks.register("before_delete_page")
def trash_instead_of_delete(request, page):
    """Wagtail has checked the delete permission; on confirm, trash instead of deleting."""
    if services.is_trashed(page):
        # Already in the trash (or below a page that is): deleted for good only from there.
        messages.warning(request, _("This page is in the trash: restore it to edit it."))
        return redirect("trash_index")
    if request.method != "POST":
        return None
    services.trash_page(page, user=request.user)
    _moved_message(request, page.get_admin_display_title())
    parent = page.get_parent()
    return redirect("wagtailadmin_explore", parent.pk)


@hooks.register("before_bulk_action")
def trash_pages_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    for page in objects:
        if services.is_trashed(page):
            continue
        services.trash_page(page, user=request.user)
        _moved_message(request, page.get_admin_display_title())
    return redirect(action_class_instance.next_url or reverse("wagtailadmin_explore_root"))


@hooks.register("construct_explorer_page_queryset")
def hide_trashed_in_explorer(parent_page, pages, request):
    return pages.exclude(pk__in=services.trashed_page_ids())


@hooks.register("construct_page_chooser_queryset")
def hide_trashed_in_chooser(pages, request):
    return pages.exclude(pk__in=services.trashed_page_ids())


@hooks.register("before_edit_page")
def trashed_pages_are_not_edited(request, page):
    if services.is_trashed(page):
        messages.warning(request, _("This page is in the trash: restore it to edit it."))
        return redirect("trash_index")
    return None


class TrashVideoAction(DeleteAction):
    """The videos' delete button moves the clip to the trash (the snippet DeleteView runs it)."""

    def _delete(self):
        services.trash_video(self.instance, user=self.user)


@hooks.register("register_actions")
def register_trash_actions(registry):
    registry.register(Video, TrashVideoAction)


@hooks.register("register_log_actions")
def register_trash_log_actions(actions):
    actions.register_action(
        services.MOVE, gettext_lazy("Move to the trash"), gettext_lazy("Moved to the trash")
    )
    actions.register_action(
        services.RESTORE,
        gettext_lazy("Restore from the trash"),
        gettext_lazy("Restored from the trash"),
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("sampah/", views.index, name="trash_index"),
        path("sampah/halaman/<int:pk>/pulihkan/", views.restore_page, name="trash_restore_page"),
        path("sampah/halaman/<int:pk>/hapus/", views.delete_page, name="trash_delete_page"),
        path("sampah/video/<int:pk>/pulihkan/", views.restore_video, name="trash_restore_video"),
        path("sampah/video/<int:pk>/hapus/", views.delete_video, name="trash_delete_video"),
    ]


@hooks.register("register_admin_menu_item")
def register_trash_menu_item():
    return MenuItem(gettext_lazy("Trash"), reverse("trash_index"), icon_name="bin", order=900)
