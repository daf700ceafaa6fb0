"""The newsroom's roles and what each may do, in one table.

Used by the migration that creates the groups and by the tests that check the
permission matrix, so the two cannot drift apart.
"""

REPORTER = "Reporter"
EDITOR = "Editor"
FACT_CHECKER = "Fact-checker"
ADMIN = "Admin"
ROLES = (REPORTER, FACT_CHECKER, EDITOR, ADMIN)

# Wagtail page permission types granted on the tree's root, so they hold on every site.
# "add" lets a user create pages and edit the ones they own; "change" edits any page.
PAGE_PERMISSIONS = {
    REPORTER: ["add"],
    FACT_CHECKER: ["change", "lock"],
    EDITOR: ["add", "change", "publish", "lock", "unlock"],
    ADMIN: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
}

# Image permissions, granted on the root collection.
IMAGE_PERMISSIONS = {
    REPORTER: ["add", "choose"],
    FACT_CHECKER: ["add", "choose"],
    EDITOR: ["add", "change", "delete", "choose"],
    ADMIN: ["add", "change", "delete", "choose"],
}

# Video permissions (model permissions on video.Video). "add" uploads clips and
# edits or deletes the user's own (warta.video.permissions); "change" and
# "delete" act on everyone's.
VIDEO_PERMISSIONS = {
    REPORTER: ["add"],
    FACT_CHECKER: ["add"],
    EDITOR: ["add", "change", "delete"],
    ADMIN: ["add", "change", "delete"],
}

# Model permissions beyond pages and images: (app_label, model, codename, name).
OTHER_PERMISSIONS = {
    ADMIN: [
        ("people", "user", "add_user", "Can add user"),
        ("people", "user", "change_user", "Can change user"),
        ("people", "user", "delete_user", "Can delete user"),
        ("people", "user", "view_user", "Can view user"),
        ("core", "sitesettings", "change_sitesettings", "Can change site settings"),
        ("wagtailcore", "site", "add_site", "Can add site"),
        ("wagtailcore", "site", "change_site", "Can change site"),
        ("wagtailcore", "site", "delete_site", "Can delete site"),
        ("wagtailcore", "workflow", "add_workflow", "Can add workflow"),
        ("wagtailcore", "workflow", "change_workflow", "Can change workflow"),
        ("wagtailcore", "task", "add_task", "Can add task"),
        ("wagtailcore", "task", "change_task", "Can change task"),
    ],
}

# The editorial workflow every page goes through. Reporters submit; fact-checkers
# (or editors) check the story, and may edit it while they do; editors give the
# final approval, which publishes. Editors can still publish directly on deadline.
WORKFLOW_NAME = "Tinjauan redaksi"
FACT_CHECK_TASK = "Cek fakta"
APPROVAL_TASK = "Persetujuan editor"
# (task name, groups that may act on it), in order.
WORKFLOW_TASKS = [
    (FACT_CHECK_TASK, [FACT_CHECKER, EDITOR, ADMIN]),
    (APPROVAL_TASK, [EDITOR, ADMIN]),
]
