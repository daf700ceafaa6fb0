"""Admin-only JSON for the map picker: gazetteer search and reverse look-up."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from warta.core.http import json_error
from warta.maps.gazetteer import nearest_place, search_places

MAX_RESULTS = 10


def search(request):
    places = search_places(request.GET.get("q", "")[:100], limit=MAX_RESULTS)
    return JsonResponse(
        {
            "results": [
                {
                    "name": place.name,
                    "kind": place.get_kind_display(),
                    "regency": place.regency_name,
                    "province": place.province,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                }
                for place in places
            ]
        }
    )


def reverse_lookup(request):
    try:
        latitude = float(request.GET["lat"])
        longitude = float(request.GET["lon"])
    except (KeyError, ValueError):
        return json_error(400, _("“lat” and “lon” must be numbers."))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return json_error(
            400, _("Latitude must be between -90 and 90, longitude between -180 and 180.")
        )
    place = nearest_place(latitude, longitude)
    return JsonResponse({"place": place.as_dict() if place else None})
