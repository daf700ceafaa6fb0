from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    """How readers and machines find stories: search, related reads, feeds, sitemaps."""

    name = "warta.discovery"
    label = "discovery"
    verbose_name = _("Discovery")

    def ready(self):
        # Imported here, not at the top: it loads models, which
        # Django allows only once every app is loaded.
        from warta.discovery.related_signals import register_related_reads

        register_related_reads()

        from warta.discovery import signals

        signals.connect()

        from warta.core.structured import register_structured_data
        from warta.discovery.structured import home_structured_data

        register_structured_data(home_structured_data)
