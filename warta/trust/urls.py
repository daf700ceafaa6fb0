"""Trust's public URLs, included at the site root by warta/urls.py."""

from django.urls import path

from warta.trust.views import CorrectionsFeed, corrections_log

urlpatterns: list = [
    path("koreksi/", corrections_log, name="trust-corrections"),
    path("koreksi/feed/", CorrectionsFeed(), name="trust-corrections-feed"),
]
