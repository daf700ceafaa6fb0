from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "warta.live"
    label = "live"
    verbose_name = _("Live coverage")

    def ready(self):
        from warta.live.signal_handlers import register_signal_handlers

        register_signal_handlers()
