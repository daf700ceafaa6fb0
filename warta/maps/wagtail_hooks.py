from django.urls import path
from wagtail import hooks

from warta.maps import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("peta/cari/", admin_views.search, name="maps_gazetteer_search"),
        path("peta/terdekat/", admin_views.reverse_lookup, name="maps_reverse_lookup"),
    ]
