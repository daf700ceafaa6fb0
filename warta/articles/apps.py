from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "warta.articles"
    label = "articles"

    def ready(self):
        from warta.articles.signal_handlers import register_signal_handlers

        register_signal_handlers()
