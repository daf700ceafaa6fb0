"""Trust's public URLs, included at the site root by warta/urls.py."""

urlpatterns: list = []
