"""Create the newsroom roles and the editorial workflow.

Wagtail's default "Editors"/"Moderators" groups and their approval workflow are
replaced by ours, so there is one obvious set of roles in the admin.
"""

from django.db import migrations

from warta.people import roles


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

    groups = {}
    for role in roles.ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        groups[role] = group
        group.permissions.add(access_admin)
        for kind in roles.PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", f"{kind}_page", f"Can {kind} page"),
            )
        # Wagtail checks image permissions against wagtailimages.Image even when
        # WAGTAILIMAGES_IMAGE_MODEL is a custom model, so that is where they go.
        for kind in roles.IMAGE_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(
                    apps, "wagtailimages", "image", f"{kind}_image", f"Can {kind} image"
                ),
            )
        for app_label, model, codename, name in roles.OTHER_PERMISSIONS.get(role, []):
            group.permissions.add(_permission(apps, app_label, model, codename, name))

    # Replace Wagtail's default groups and workflow with the newsroom's.
    WorkflowPage.objects.filter(page=root_page).delete()
    Workflow.objects.exclude(name=roles.WORKFLOW_NAME).update(active=False)
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task_names = [name for name, _ in roles.WORKFLOW_TASKS]
    apps.get_model("wagtailcore.Task").objects.exclude(name__in=task_names).update(active=False)
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})
    for order, (name, group_names) in enumerate(roles.WORKFLOW_TASKS):
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=name, defaults={"content_type": task_type, "active": True}
        )
        task.groups.set([groups[group_name] for group_name in group_names])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    WorkflowPage.objects.create(page=root_page, workflow=workflow)


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=roles.ROLES).delete()
    apps.get_model("wagtailcore.Workflow").objects.filter(name=roles.WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore.Task").objects.filter(
        name__in=[name for name, _ in roles.WORKFLOW_TASKS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_author_pages"),
        ("images", "0002_initial"),
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        # Wagtail's own data migrations hand permissions to every admin group
        # (wagtailimages.0023, wagtaildocs.0011); they must run before the roles
        # exist, so the roles get exactly what roles.py says.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
