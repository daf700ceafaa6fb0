"""Who may do what with videos: the newsroom's roles (warta.people.roles).

Ownership, as for photos: "add" lets a user upload clips and edit or delete the
ones they uploaded; "change" edits (and "delete" deletes) every clip. Choosing a
clip for an article is open to anyone in the admin, like every snippet chooser.
"""

from wagtail.permission_policies import OwnershipPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy


def register_video_permission_policy():
    from warta.video.models import Video

    register_permission_policy(
        Video, OwnershipPermissionPolicy(Video, owner_field_name="uploaded_by_user")
    )


def video_permission_policy():
    from warta.video.models import Video

    return policy_registry.get_by_type(Video)
