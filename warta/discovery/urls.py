"""Discovery's public URLs, included at the site root by warta/urls.py."""

from django.urls import path

from warta.discovery import views

urlpatterns: list = [
    path("cari/", views.search_page, name="discovery-search"),
    path("search/", views.search_redirect),
    path("opensearch.xml", views.opensearch, name="discovery-opensearch"),
]
