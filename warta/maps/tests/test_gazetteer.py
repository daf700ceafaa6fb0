"""The gazetteer: loaded from the pinned package, searched as you type, reversed from a point."""

import pytest
from django.core.management import call_command

from warta.maps.gazetteer import display_name, nearest_place, search_places
from warta.maps.models import GazetteerPlace

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def gazetteer(django_db_setup, django_db_blocker):
    """The real data, loaded once for the module (it takes a few seconds)."""
    with django_db_blocker.unblock():
        call_command("load_gazetteer", verbosity=0)
        yield
        GazetteerPlace.objects.all().delete()


def test_names_are_written_as_readers_expect():
    assert display_name("KABUPATEN BADUNG") == "Kabupaten Badung"
    assert display_name("DKI JAKARTA") == "DKI Jakarta"


def test_loading_is_complete_and_idempotent(gazetteer, capsys):
    counts = {
        kind: GazetteerPlace.objects.filter(kind=kind).count()
        for kind in ("province", "regency", "district")
    }
    # Points geocoded into a far-away namesake are left out (see load_gazetteer).
    assert counts["province"] == 34 and counts["regency"] >= 510 and counts["district"] > 6400

    call_command("load_gazetteer")

    assert GazetteerPlace.objects.count() == sum(counts.values())
    assert "districts" in capsys.readouterr().err


def test_search_lists_larger_areas_first(gazetteer):
    results = search_places("jayapura")
    assert {str(place) for place in results[:2]} == {
        "Kabupaten Jayapura, Papua",
        "Kota Jayapura, Papua",
    }
    assert str(search_places("Kuta")[0]) == "Kuta, Kabupaten Badung, Bali"
    assert search_places("k") == []


@pytest.mark.parametrize(
    ("latitude", "longitude", "name", "regency", "province"),
    [
        (-8.7185, 115.1686, "Kuta", "Kabupaten Badung", "Bali"),  # Pantai Kuta
        (-8.6705, 115.2126, "Denpasar Barat", "Kota Denpasar", "Bali"),
        (-2.5920, 140.7260, "Jayapura Selatan", "Kota Jayapura", "Papua"),  # Teluk Youtefa
        (-4.0957, 138.9457, "Wouma", "Kabupaten Jayawijaya", "Papua"),  # Wamena
    ],
)
def test_reverse_lookup_names_the_nearest_district_and_its_areas(
    gazetteer, latitude, longitude, name, regency, province
):
    place = nearest_place(latitude, longitude)
    assert (place.name, place.regency, place.province) == (name, regency, province)
    assert place.distance_km < 10


def test_reverse_lookup_far_from_indonesia_finds_nothing(gazetteer):
    assert nearest_place(48.85, 2.35) is None
    with pytest.raises(ValueError):
        nearest_place(200, 115)


def test_admin_search_and_reverse_lookup_endpoints(gazetteer, admin_client):
    results = admin_client.get("/admin/peta/cari/", {"q": "sentani"}).json()["results"]
    assert results[0]["name"] == "Sentani" and results[0]["province"] == "Papua"

    place = admin_client.get("/admin/peta/terdekat/", {"lat": "-8.72", "lon": "115.17"}).json()
    assert place["place"]["regency"] == "Kabupaten Badung"
    for bad in (
        {"lat": "200", "lon": "115"},
        {"lat": "x", "lon": "115"},
        {"lat": "nan", "lon": "1"},
    ):
        response = admin_client.get("/admin/peta/terdekat/", bad)
        assert response.status_code == 400 and response.json()["error"]


def test_admin_endpoints_need_a_login(client):
    assert client.get("/admin/peta/cari/", {"q": "kuta"}).status_code == 302
