from django.urls import path

from warta.maps import views

app_name = "maps"
urlpatterns = [
    path("titik.geojson", views.points, name="points"),
    path("garis-provinsi.geojson", views.outline, name="outline"),
]
