"""Round the point of every approximate place already stored (issue 17: nothing exact kept).

Article rows, and every revision (drafts never published included) of any
object that is approximate now or in any of its versions.
"""

from django.db import migrations

from warta.core.places import round_all_stored_revisions, round_stored_rows


def round_places(apps, schema_editor):
    using = schema_editor.connection.alias
    ArticlePage = apps.get_model("articles", "ArticlePage")
    round_stored_rows(ArticlePage, using=using)
    approximate = ArticlePage._base_manager.using(using).filter(place_approximate=True)
    round_all_stored_revisions(
        apps.get_model("wagtailcore", "Revision"),
        approximate.values_list("pk", flat=True),
        using=using,
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_standing_role"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(round_places, migrations.RunPython.noop)]
