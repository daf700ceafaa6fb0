"""Trust's admin: each module below registers its own hooks when imported."""

import warta.trust.old_edits_admin  # noqa: F401  the "Old stories changed" report
