"""Round every approximate map point already stored (issue 17: nothing exact kept)."""

from django.db import migrations

from warta.core.places import round_fields


def round_points(apps, schema_editor):
    MapPoint = apps.get_model("maps", "MapPoint")
    points = MapPoint._base_manager.using(schema_editor.connection.alias)
    for point in points.filter(approximate=True).only("pk", "latitude", "longitude"):
        if round_fields(point, ("latitude", "longitude")):
            points.filter(pk=point.pk).update(latitude=point.latitude, longitude=point.longitude)


class Migration(migrations.Migration):
    dependencies = [("maps", "0001_initial")]

    operations = [migrations.RunPython(round_points, migrations.RunPython.noop)]
