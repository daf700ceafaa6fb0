from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "warta.articles"
    label = "articles"

    def ready(self):
        # Imported here, not at the top: these modules load models, which
        # Django allows only once every app is loaded.
        from warta.articles.map_sources import register_map_source
        from warta.articles.signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_map_source()
