"""Trust in the admin."""

from warta.trust import replies_admin  # noqa: F401  (the "Hak jawab" queue and its menu item)
