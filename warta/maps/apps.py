from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "warta.maps"
    label = "maps"

    def ready(self):
        from warta.maps.signal_handlers import register_signal_handlers

        register_signal_handlers()
