"""Editors and admins may import WordPress exports from the admin."""

from django.db import migrations

from warta.people import roles

IMPORT_ROLES = (roles.EDITOR, roles.ADMIN)


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="importers", model="importrun")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="run_import",
        defaults={"name": "Can import WordPress exports"},
    )
    for group in Group.objects.filter(name__in=IMPORT_ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="importers", codename="run_import").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("importers", "0001_initial"),
        ("people", "0003_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
