"""Trust's admin: each module below registers its own hooks when imported."""

import warta.trust.old_edits_admin  # noqa: F401  the "Old stories changed" report
import warta.trust.replies_admin  # noqa: F401  the "Hak jawab" queue and its menu item
