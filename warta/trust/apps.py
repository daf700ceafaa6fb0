from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    """What readers can check: sources, corrections, replies, fact-checks, the edit alarm."""

    name = "warta.trust"
    label = "trust"
    verbose_name = _("Trust")

    def ready(self):
        # Imported here, not at the top: they load models.
        from warta.trust import factchecks, replies

        factchecks.register()
        replies.register()
