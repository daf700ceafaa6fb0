"""Videos in the admin: upload, edit, and the transcode state in the listing."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from warta.core.places import place_panel
from warta.video.forms import VideoForm
from warta.video.models import Video


class InstancePermissionMixin:
    """Snippet views check the model permission only; a clip's owner matters too.

    A reporter may edit and delete the clips they uploaded, not a colleague's
    (warta.video.permissions).
    """

    instance_permission = None

    def dispatch(self, request, *args, **kwargs):
        if self.object.trashed_at is not None:
            # In the trash (warta.trash): restored or deleted for good from there.
            raise Http404
        if not self.user_has_permission_for_instance(self.instance_permission, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class VideoEditView(InstancePermissionMixin, EditView):
    instance_permission = "change"


class VideoDeleteView(InstancePermissionMixin, DeleteView):
    instance_permission = "delete"
    # The delete action registered for videos moves them to the trash (warta.trash).
    success_message = _("%(model_name)s '%(object)s' moved to the trash.")


class NotTrashedMixin:
    def get_object_list(self):
        return Video.objects.filter(trashed_at=None)


class VideoChooseView(NotTrashedMixin, ChooseView):
    pass


class VideoChooseResultsView(NotTrashedMixin, ChooseResultsView):
    pass


class VideoChooserViewSet(SnippetChooserViewSet):
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView


class VideoViewSet(SnippetViewSet):
    model = Video
    edit_view_class = VideoEditView
    delete_view_class = VideoDeleteView
    chooser_viewset_class = VideoChooserViewSet

    def get_queryset(self, request):
        # Clips in the trash are listed under "Sampah" (warta.trash), not here.
        return Video.objects.filter(trashed_at=None)

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
