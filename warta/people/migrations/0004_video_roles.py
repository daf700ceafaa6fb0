"""Give the newsroom roles their video permissions (roles.VIDEO_PERMISSIONS).

Before this, only superusers could upload or manage videos. Runs on existing
installs as on new ones; the groups are the ones 0003 made.
"""

from django.db import migrations

from warta.people import roles


def _video_permission(apps, kind):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="video", model="video")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=f"{kind}_video", defaults={"name": f"Can {kind} video"}
    )
    return permission


def grant_video_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for role, kinds in roles.VIDEO_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*[_video_permission(apps, kind) for kind in kinds])


def revoke_video_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for role, kinds in roles.VIDEO_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*[_video_permission(apps, kind) for kind in kinds])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_editorial_roles"),
        ("video", "0003_video_uploaded_by_user"),
    ]

    operations = [migrations.RunPython(grant_video_permissions, revoke_video_permissions)]
