from django.urls import path

from warta.live import views

app_name = "live"
urlpatterns = [
    path("<int:coverage_id>/events", views.stream, name="stream"),
    path("<int:coverage_id>/updates.json", views.updates_json, name="updates_json"),
]
