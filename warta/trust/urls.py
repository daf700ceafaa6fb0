"""Trust's public URLs, included at the site root by warta/urls.py."""

from django.urls import path

from warta.trust import factchecks_views, replies_views
from warta.trust.views import CorrectionsFeed, corrections_log

urlpatterns: list = [
    path("koreksi/", corrections_log, name="trust-corrections"),
    path("koreksi/feed/", CorrectionsFeed(), name="trust-corrections-feed"),
    path("hak-jawab/<int:article_id>/", replies_views.reply_form, name="trust-reply-form"),
    path(
        "hak-jawab/terkirim/<str:reference>/",
        replies_views.reply_received,
        name="trust-reply-received",
    ),
    path(
        "hak-jawab/dimuat/<str:reference>/",
        replies_views.reply_published,
        name="trust-reply-published",
    ),
    path("cek-fakta/", factchecks_views.factcheck_index, name="trust-factcheck-index"),
]
