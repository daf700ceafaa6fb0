from django.contrib.auth.models import Group

from warta.people.models import User


def make_user(username, role=None):
    """A user in the newsroom role `role` (a group made by the roles migration)."""
    user = User.objects.create_user(username, email=f"{username}@warta.test")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
