"""A map point marked approximate holds only the rounded point, however it is written."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from warta.maps.factories import hours_ago
from warta.maps.models import MapPoint

pytestmark = pytest.mark.django_db


def make_point(**fields):
    return MapPoint.objects.create(
        content_type=ContentType.objects.get_for_model(MapPoint),
        object_id=1,
        kind="article",
        title="Sumber",
        url="/x/",
        published_at=hours_ago(1),
        latitude=-8.718523,
        longitude=115.168634,
        **fields,
    )


def test_an_approximate_point_is_rounded_when_saved():
    point = make_point(approximate=True)
    point.refresh_from_db()
    assert (point.latitude, point.longitude) == (-8.72, 115.17)


def test_the_data_migration_rounds_old_points():
    point = make_point(approximate=True)
    models.QuerySet.update(MapPoint.objects.filter(pk=point.pk), latitude=-8.718523)
    migration = importlib.import_module("warta.maps.migrations.0002_round_approximate_points")
    migration.round_points(django_apps, connection.schema_editor())
    point.refresh_from_db()
    assert point.latitude == -8.72
