"""The importers in the admin: feed sources to poll, and the WordPress upload screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from warta.importers import admin_views
from warta.importers.models import FeedSource


class FeedSourceViewSet(SnippetViewSet):
    model = FeedSource
    icon = "rss"
    menu_label = _("Feed sources")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "url", "section", "last_polled_at", "last_error"]
    search_fields = ["name", "url"]


register_snippet(FeedSourceViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("wordpress-import/", admin_views.import_view, name="wordpress_import"),
        path("wordpress-import/<int:run_id>/", admin_views.run_view, name="wordpress_import_run"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        admin_views.MENU_LABEL, reverse("wordpress_import"), icon_name="download", order=330
    )
