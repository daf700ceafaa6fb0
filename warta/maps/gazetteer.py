"""Look-ups in the gazetteer: search as you type, and point → nearest named place.

`nearest_place()` is the reverse look-up other apps call (the photo upload
suggests a place from a photo's GPS with it). It needs no GIS extension: a
box around the point narrows the candidates with the (latitude, longitude)
index, then the great-circle distance picks the nearest.
"""

import math
from dataclasses import dataclass

from django.db.models import Q

from warta.maps.models import GazetteerPlace

EARTH_RADIUS_KM = 6371.0
# Start with a box of about 30 km and widen it until something is found; past
# the widest box the point is too far from any Indonesian place to name it.
SEARCH_RADII_DEGREES = (0.25, 1.0, 3.0)
# Search ranks at most this many word-prefix matches (a two-letter prefix can
# match hundreds of districts; the first few hundred are plenty to rank).
CANDIDATES = 300
# Regency names keep their official, upper-case acronyms.
KEEP_UPPER = {"DKI", "DI", "II", "III", "IV", "VII", "VIII", "X", "XI", "XII", "XIII"}


@dataclass(frozen=True)
class NearestPlace:
    name: str
    regency: str
    province: str
    latitude: float
    longitude: float
    kind: str
    distance_km: float

    def as_dict(self):
        return {
            "name": self.name,
            "regency": self.regency,
            "province": self.province,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "kind": self.kind,
            "distance_km": round(self.distance_km, 2),
        }


def display_name(official):
    """ "KABUPATEN BADUNG" → "Kabupaten Badung"; "DKI JAKARTA" stays "DKI Jakarta"."""
    words = official.split()
    return " ".join(word if word in KEEP_UPPER else word.capitalize() for word in words)


def fold(text):
    return " ".join(text.lower().split())


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_place(latitude, longitude, kinds=(GazetteerPlace.Kind.DISTRICT,)):
    """The nearest gazetteer place to a point, or None if none is near.

    Districts by default: the finest level with points, whose row also names
    the regency/city and the province the point is taken to lie in.
    """
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError("latitude/longitude out of range")
    for radius in SEARCH_RADII_DEGREES:
        candidates = GazetteerPlace.objects.filter(
            kind__in=kinds,
            latitude__range=(latitude - radius, latitude + radius),
            longitude__range=(longitude - radius, longitude + radius),
        ).only("name", "regency", "province", "latitude", "longitude", "kind")
        best = min(
            candidates,
            key=lambda place: distance_km(latitude, longitude, place.latitude, place.longitude),
            default=None,
        )
        if best is not None:
            return NearestPlace(
                name=best.name,
                regency=best.regency,
                province=best.province,
                latitude=best.latitude,
                longitude=best.longitude,
                kind=best.kind,
                distance_km=distance_km(latitude, longitude, best.latitude, best.longitude),
            )
    return None


def search_places(text, limit=10):
    """Places with a word starting with `text`: whole-word matches, then larger areas first."""
    needle = fold(text)
    if len(needle) < 2:
        return []
    candidates = GazetteerPlace.objects.filter(
        Q(search_name__startswith=needle) | Q(search_name__contains=" " + needle)
    )[:CANDIDATES]

    def rank(place):
        whole_word = needle in place.search_name.split() or place.search_name == needle
        return (not whole_word, place.level, len(place.name), place.name)

    return sorted(candidates, key=rank)[:limit]
