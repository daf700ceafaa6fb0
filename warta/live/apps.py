from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "warta.live"
    label = "live"
    verbose_name = _("Live coverage")

    def ready(self):
        # Imported here, not at the top: these modules load models, which
        # Django allows only once every app is loaded.
        from warta.live.map_sources import register_map_source
        from warta.live.signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_map_source()
