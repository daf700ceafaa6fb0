"""Videos in the admin: upload, edit, and the transcode state in the listing."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from warta.core.places import place_panel
from warta.video.forms import VideoForm
from warta.video.models import Video


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", Column("status_label", label=_("Status")), "credit", "created_at"]
    list_filter = ["state"]
    search_fields = ["title", "caption"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("source"),
            FieldPanel("credit"),
            FieldPanel("caption"),
            FieldPanel("captions"),
            place_panel(),
            MultiFieldPanel(
                [FieldPanel("state", read_only=True), FieldPanel("failure_reason", read_only=True)],
                heading=_("Transcoding"),
            ),
        ],
        base_form_class=VideoForm,
    )


register_snippet(VideoViewSet)
