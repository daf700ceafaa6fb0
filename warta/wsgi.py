import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")

application = get_wsgi_application()

from warta.core.static_check import ensure_static_collected  # noqa: E402  (needs apps loaded)

ensure_static_collected()
