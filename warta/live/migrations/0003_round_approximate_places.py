"""Round the point of every approximate place already stored (issue 17: nothing exact kept)."""

from django.db import migrations

from warta.core.places import round_stored_rows


def round_places(apps, schema_editor):
    model = apps.get_model("live", "LiveUpdate")
    round_stored_rows(model, ("place_latitude", "place_longitude"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("live", "0002_update_video_block")]

    operations = [migrations.RunPython(round_places, migrations.RunPython.noop)]
