"""Trust's admin: each module below registers its own hooks when imported."""

# old_edits_admin: the "Old stories changed" report; replies_admin: the "Hak jawab" queue.
from warta.trust import old_edits_admin, replies_admin  # noqa: F401
