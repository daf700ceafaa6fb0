from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "warta.api"
    label = "api"
    verbose_name = _("Read API")

    def ready(self):
        # Imported here: the API's URLs load models, allowed only once apps are loaded.
        from warta.api.http import error_answer
        from warta.core.views import register_error_answer

        register_error_answer("/api/v1/", error_answer)
