from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrashConfig(AppConfig):
    """Nothing lost: deleted pages and videos wait in the trash ("Sampah") before they go."""

    name = "warta.trash"
    label = "trash"
    verbose_name = _("Trash")
