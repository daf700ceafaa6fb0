"""An approximate live update keeps only the rounded point: row, bulk paths, events, migration."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.db import connection, models

from warta.live import services
from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.models import LiveEvent, LiveUpdate

pytestmark = pytest.mark.django_db

EXACT = {"place_latitude": -8.718523, "place_longitude": 115.168634}
ROUNDED = (-8.72, 115.17)


@pytest.fixture
def coverage(site):
    return make_coverage(make_topic(site))


def point(update):
    update.refresh_from_db()
    return (update.place_latitude, update.place_longitude)


def test_posted_and_edited_updates_hold_only_the_rounded_point(coverage):
    update = make_update(coverage, place_name="Kuta", place_approximate=True, **EXACT)
    assert point(update) == ROUNDED
    update.place_latitude = -8.651234
    services.edit(update)
    assert point(update) == (-8.65, 115.17)


def test_events_readers_replay_hold_no_exact_point(coverage):
    update = make_update(coverage, place_name="Kuta", place_approximate=True, **EXACT)
    services.edit(update)
    stored = json.dumps([event.message() for event in LiveEvent.objects.all()])
    assert "8.718523" not in stored and "115.168634" not in stored


def test_bulk_paths_round_approximate_updates(coverage):
    [made] = LiveUpdate.objects.bulk_create(
        [LiveUpdate(coverage=coverage, place_approximate=True, **EXACT)]
    )
    assert point(made) == ROUNDED

    made.place_latitude = -8.651234
    LiveUpdate.objects.bulk_update([made], ["place_latitude"])
    assert point(made) == (-8.65, 115.17)

    plain = make_update(coverage, **EXACT)
    LiveUpdate.objects.filter(pk=plain.pk).update(place_approximate=True)
    assert point(plain) == ROUNDED


def test_the_data_migration_rounds_old_rows(coverage):
    update = make_update(coverage, place_approximate=True, **EXACT)
    plain = make_update(coverage, **EXACT)
    for row in (update, plain):
        models.QuerySet.update(LiveUpdate._base_manager.filter(pk=row.pk), **EXACT)

    migration = importlib.import_module("warta.live.migrations.0003_round_approximate_places")
    migration.round_places(django_apps, connection.schema_editor())

    assert point(update) == ROUNDED
    assert point(plain) == (EXACT["place_latitude"], EXACT["place_longitude"])
