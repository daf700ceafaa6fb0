from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "warta.images"
    label = "images"

    def ready(self):
        from warta.images.renditions import register_willow_operations
        from warta.images.signal_handlers import register_signal_handlers

        register_willow_operations()
        register_signal_handlers()
