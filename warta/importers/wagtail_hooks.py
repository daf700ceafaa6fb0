"""Feed sources in the admin: editors add the wires and partner feeds to poll."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
