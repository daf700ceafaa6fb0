from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "warta.maps"
    label = "maps"
