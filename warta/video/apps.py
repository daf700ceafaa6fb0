from django.apps import AppConfig


class VideoConfig(AppConfig):
    name = "warta.video"
    label = "video"
