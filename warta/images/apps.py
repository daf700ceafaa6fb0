from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "warta.images"
    label = "images"

    def ready(self):
        # Imported here, not at the top: it loads Wagtail's image models.
        from warta.images.renditions import register_willow_operations

        register_willow_operations()
