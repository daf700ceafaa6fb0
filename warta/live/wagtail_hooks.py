from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from warta.live import admin_views
from warta.live.models import COVERAGE_PAGE_TYPES
from warta.live.permissions import can_post


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("live/<int:page_id>/", admin_views.coverage_view, name="live_coverage"),
        path("live/update/<int:update_id>/edit/", admin_views.edit_update, name="live_edit"),
        path("live/update/<int:update_id>/delete/", admin_views.delete_update, name="live_delete"),
        path(
            "live/update/<int:update_id>/approve/", admin_views.approve_update, name="live_approve"
        ),
    ]


class LiveCoverageMenuItem(PageMenuItem):
    label = admin_views.MENU_LABEL
    icon_name = "time"
    url_name = "live_coverage"

    def is_shown(self, user):
        page_type = self.page.specific_class._meta.label
        return page_type in COVERAGE_PAGE_TYPES and can_post(user, self.page)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield LiveCoverageMenuItem(page=page, priority=12)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield LiveCoverageMenuItem(page=page, priority=9)
