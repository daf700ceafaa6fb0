from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "warta.people"
    label = "people"
