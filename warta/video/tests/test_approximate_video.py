"""An approximate video keeps only the rounded point: row, bulk paths, migration."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.db import connection, models

from warta.video.models import Video

pytestmark = pytest.mark.django_db

EXACT = {"place_latitude": -2.566123, "place_longitude": 140.516789}
ROUNDED = (-2.57, 140.52)


def make(**fields):
    video = Video(title="Banjir di Sentani", credit="Yosef/PosPapusa", **fields)
    video.source.save("clip.mp4", ContentFile(b"not decoded here"), save=False)
    video.save()
    return video


def point(video):
    video.refresh_from_db()
    return (video.place_latitude, video.place_longitude)


def test_saving_rounds_the_point():
    video = make(place_approximate=True, **EXACT)
    assert point(video) == ROUNDED


def test_exact_places_stay_exact():
    assert point(make(**EXACT)) == (EXACT["place_latitude"], EXACT["place_longitude"])


def test_bulk_paths_round_the_point():
    video = make(**EXACT)
    Video.objects.filter(pk=video.pk).update(place_approximate=True)
    assert point(video) == ROUNDED

    video.place_latitude = -2.531234
    Video.objects.bulk_update([video], ["place_latitude"])
    assert point(video) == (-2.53, 140.52)


def test_the_data_migration_rounds_old_rows():
    video = make(place_approximate=True, **EXACT)
    models.QuerySet.update(Video._base_manager.filter(pk=video.pk), **EXACT)
    migration = importlib.import_module("warta.video.migrations.0002_round_approximate_places")
    migration.round_places(django_apps, connection.schema_editor())
    assert point(video) == ROUNDED
