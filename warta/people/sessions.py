"""Sessions end when a user's privileges change.

A change of groups, permissions, `is_superuser`, `is_staff` or `is_active` bumps the
user's `session_generation`, which is part of the session auth hash
(`User._get_session_auth_hash`): every session of that user, on every device, is
refused at its next request and must sign in again (and pass the second factor
again). A password change already ends them the same way, through Django's own
hash of the password.
"""

from django.contrib.auth import get_user_model
from django.db.models import F
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "is_active")


def end_sessions(user_ids):
    """Bump the generation of these users in one UPDATE; returns how many rows changed."""
    User = get_user_model()
    return User._default_manager.filter(pk__in=list(user_ids)).update(
        session_generation=F("session_generation") + 1
    )


@receiver(pre_save, dispatch_uid="warta.people.sessions.privileges_saved")
def on_user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    User = get_user_model()
    if raw or sender is not User or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(PRIVILEGE_FIELDS):
        return
    before = User._default_manager.filter(pk=instance.pk).values(*PRIVILEGE_FIELDS).first()
    if before is None:
        return
    if any(before[field] != getattr(instance, field) for field in PRIVILEGE_FIELDS):
        instance.session_generation = (instance.session_generation or 0) + 1
        if update_fields is not None:
            # The save writes only the named fields: bump the generation in the database too.
            end_sessions([instance.pk])


def _on_relation_changed(sender, instance, action, pk_set, **kwargs):
    """A user's groups or permissions changed, from either side of the relation."""
    User = get_user_model()
    if isinstance(instance, User):
        if action in ("post_add", "post_remove") and pk_set or action == "post_clear":
            end_sessions([instance.pk])
            instance.session_generation = (instance.session_generation or 0) + 1
    elif action == "pre_clear":
        # A group or permission losing all its users: Django gives no ids after the fact.
        end_sessions(instance.user_set.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove") and pk_set:
        end_sessions(pk_set)


def _on_group_permissions_changed(sender, instance, action, pk_set, **kwargs):
    """A group's permissions changed: its members' privileges did."""
    from django.contrib.auth.models import Group

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Group):
        end_sessions(instance.user_set.values_list("pk", flat=True))
    elif pk_set:
        end_sessions(
            get_user_model()._default_manager.filter(groups__in=pk_set).values_list("pk", flat=True)
        )


def _on_group_object_permission(sender, instance, raw=False, **kwargs):
    """Wagtail's page or collection permission of a group added, changed or removed.

    Not while fixtures or a test's serialized data are loaded (`raw`), and by the
    group's id: on a cascade from a deleted group, the group is already gone.
    """
    if raw:
        return
    members = get_user_model()._default_manager.filter(groups=instance.group_id)
    end_sessions(members.values_list("pk", flat=True))


def connect():
    from django.contrib.auth.models import Group
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    User = get_user_model()
    m2m_changed.connect(
        _on_group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="warta.people.sessions.group_permissions",
    )
    for model in (GroupPagePermission, GroupCollectionPermission):
        for signal in (post_save, post_delete):
            signal.connect(
                _on_group_object_permission,
                sender=model,
                dispatch_uid=f"warta.people.sessions.{model.__name__}.{signal is post_save}",
            )
    m2m_changed.connect(
        _on_relation_changed,
        sender=User.groups.through,
        dispatch_uid="warta.people.sessions.groups",
    )
    m2m_changed.connect(
        _on_relation_changed,
        sender=User.user_permissions.through,
        dispatch_uid="warta.people.sessions.permissions",
    )
