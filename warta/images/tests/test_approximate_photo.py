"""An approximate photo keeps only the rounded point, its GPS suggestion included."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection, models

from warta.images.factories import GPS_POINT, make_image
from warta.images.models import WartaImage

pytestmark = pytest.mark.django_db

EXACT = {"place_latitude": -2.566123, "place_longitude": 140.516789}


def stored(image):
    image.refresh_from_db()
    return (
        image.place_latitude,
        image.place_longitude,
        image.original_latitude,
        image.original_longitude,
    )


def test_saving_an_approximate_photo_rounds_its_place_and_gps():
    image = make_image()
    assert (image.original_latitude, image.original_longitude) == GPS_POINT
    image.place_approximate = True
    image.place_latitude, image.place_longitude = EXACT.values()
    image.save()
    assert stored(image) == (-2.57, 140.52, -2.53, 140.72)


def test_exact_photos_keep_the_exact_gps():
    image = make_image()
    image.place_latitude, image.place_longitude = EXACT.values()
    image.save()
    assert stored(image) == (*EXACT.values(), *GPS_POINT)


def test_queryset_update_rounds_approximate_photos():
    image = make_image()
    WartaImage.objects.filter(pk=image.pk).update(place_approximate=True, **EXACT)
    assert stored(image) == (-2.57, 140.52, -2.53, 140.72)


def test_the_data_migration_rounds_old_rows():
    image = make_image()
    models.QuerySet.update(
        WartaImage._base_manager.filter(pk=image.pk), place_approximate=True, **EXACT
    )
    migration = importlib.import_module("warta.images.migrations.0004_round_approximate_places")
    migration.round_places(django_apps, connection.schema_editor())
    assert stored(image) == (-2.57, 140.52, -2.53, 140.72)
