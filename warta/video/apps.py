from django.apps import AppConfig


class VideoConfig(AppConfig):
    name = "warta.video"
    label = "video"

    def ready(self):
        from warta.video.signal_handlers import register_signal_handlers

        register_signal_handlers()
