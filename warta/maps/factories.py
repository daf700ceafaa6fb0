"""Real places for tests and demo data: gazetteer rows as `load_gazetteer` stores them,
and two places (a beach in Bali, a lake in Papua) as a placed item's fields."""

from datetime import timedelta

from django.utils import timezone

from warta.maps.models import GazetteerPlace

KUTA = {
    "place_name": "Pantai Kuta",
    "place_latitude": -8.7185,
    "place_longitude": 115.1686,
    "place_regency": "Kabupaten Badung",
    "place_province": "Bali",
}
SENTANI = {
    "place_name": "Danau Sentani",
    "place_latitude": -2.6069,
    "place_longitude": 140.5160,
    "place_regency": "Kabupaten Jayapura",
    "place_province": "Papua",
}


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


TEST_PLACES = [
    ("51", "province", 1, "Bali", "", "Bali", -8.23566, 115.12239),
    ("5103", "regency", 2, "Kabupaten Badung", "", "Bali", -8.51667, 115.2),
    ("5103010", "district", 3, "Kuta", "Kabupaten Badung", "Bali", -8.7238, 115.17523),
    ("9403", "regency", 2, "Kabupaten Jayapura", "", "Papua", -3.0, 139.95),
    ("9403060", "district", 3, "Sentani", "Kabupaten Jayapura", "Papua", -2.5735, 140.5164),
    ("9471", "regency", 2, "Kota Jayapura", "", "Papua", -2.5337, 140.7181),
    ("9471040", "district", 3, "Jayapura Utara", "Kota Jayapura", "Papua", -2.5286, 140.7106),
]


def make_gazetteer(rows=TEST_PLACES):
    for code, kind, level, name, regency, province, latitude, longitude in rows:
        GazetteerPlace.objects.create(
            code=code,
            kind=kind,
            level=level,
            name=name,
            regency=regency,
            province=province,
            latitude=latitude,
            longitude=longitude,
            search_name=name.lower(),
        )
