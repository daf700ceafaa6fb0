"""Who may do what on a live coverage, from the page permissions of the roles.

Anyone with a newsroom role on the page's part of the tree may post (a
reporter's "add" is enough); those who may publish the page may approve,
edit and delete any update and change the coverage's status. A reporter may
still edit or withdraw their own update while it waits for approval.
"""


def can_post(user, page):
    perms = page.permissions_for_user(user)
    return user.is_active and (user.is_superuser or bool(perms.permissions))


def can_moderate(user, page):
    return page.permissions_for_user(user).can_publish()


def can_change_update(user, update, page):
    if can_moderate(user, page):
        return True
    return not update.approved and update.author_id == user.pk and can_post(user, page)


def publishes_directly(user, coverage, page):
    return not coverage.require_approval or can_moderate(user, page)
