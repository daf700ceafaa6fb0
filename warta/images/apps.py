from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "warta.images"
    label = "images"
