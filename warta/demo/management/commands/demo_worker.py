"""The demo's background worker: django-tasks-db's `db_worker`, quiet unless something fails.

At its default verbosity `db_worker` prints two lines per task run (RUNNING,
SUCCESSFUL); the demo runs hundreds of small tasks (search index, reference
index, renditions), which drowned the console `make demo` leaves open.
Verbosity 0 would hide failures too, so this keeps warnings and errors.
"""

import logging

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

QUIET_LOGGERS = ("django_tasks", "django_tasks_db")


class Command(DbWorkerCommand):
    help = "Run the database task worker, printing only warnings and failures."

    def configure_logging(self, verbosity):
        super().configure_logging(verbosity)
        if verbosity <= 1:
            for name in QUIET_LOGGERS:
                logging.getLogger(name).setLevel(logging.WARNING)
