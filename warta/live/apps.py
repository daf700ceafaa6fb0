from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "warta.live"
    label = "live"
    verbose_name = _("Live coverage")

    def ready(self):
        # Imported here, not at the top: it loads models, which
        # Django allows only once every app is loaded.
        from warta.articles.cards import register_card_marker
        from warta.articles.home import register_live_now
        from warta.articles.modified import register_modified_source
        from warta.core.freshness import register_change_clock
        from warta.live.cards import live_now
        from warta.live.home import live_now_on
        from warta.live.map_sources import register_map_source
        from warta.live.modified import latest_event_times, newest_event

        register_map_source()
        register_modified_source(latest_event_times)
        register_card_marker(live_now)
        register_live_now(live_now_on)
        register_change_clock(newest_event())
