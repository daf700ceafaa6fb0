"""`manage.py backup DIR`: the database and both media storages, with a manifest (core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from warta.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and the public and private "
        "media into a new directory under DIR, with a manifest of sizes and SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Directory the backup folder is created in.")

    def handle(self, destination, **options):
        try:
            folder = make_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        return None
