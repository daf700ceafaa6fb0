import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")

application = get_asgi_application()

from warta.core.static_check import ensure_static_collected  # noqa: E402  (needs apps loaded)

ensure_static_collected()
