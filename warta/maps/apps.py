from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "warta.maps"
    label = "maps"

    def ready(self):
        # Imported here, not at the top: these modules load models, which
        # Django allows only once every app is loaded.
        from warta.core.places import register_picker
        from warta.maps.picker import MapPlacePicker
        from warta.maps.registry import registry

        registry.point_model = self.get_model("MapPoint")
        register_picker(MapPlacePicker())
