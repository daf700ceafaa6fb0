from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "warta.maps"
    label = "maps"

    def ready(self):
        # Imported here, not at the top: these modules load models, which
        # Django allows only once every app is loaded.
        from warta.core.places import register_picker
        from warta.maps.picker import MapPlacePicker
        from warta.maps.purge import add_site_maps
        from warta.maps.registry import registry

        registry.point_model = self.get_model("MapPoint")
        registry.add_site_maps = add_site_maps
        register_picker(MapPlacePicker())
