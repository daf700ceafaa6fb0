from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    """How readers and machines find stories: search, related reads, feeds, sitemaps."""

    name = "warta.discovery"
    label = "discovery"
    verbose_name = _("Discovery")

    def ready(self):
        from warta.discovery import signals

        signals.connect()
