"""`manage.py restore BACKUP_DIR`: put a backup (core.backup) back, verified first."""

from django.core.management.base import BaseCommand, CommandError

from warta.core.backup import BackupError, connection_for_url, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: checks the manifest and every checksum first, "
        "then restores the database (into an empty one unless --force) and the media."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder (holding manifest.json).")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of the site's (e.g. a new, empty one).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database or media files that are not empty.",
        )

    def handle(self, backup, database_url=None, force=False, **options):
        target = None
        try:
            target = connection_for_url(database_url) if database_url else None
            manifest = restore_backup(backup, connection=target, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        finally:
            if target is not None:
                target.close()
        files = sum(len(entries) for entries in manifest["media"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {manifest['database']['engine']} database and {files} media files "
                f"from the backup of {manifest['created_at']}. Run `manage.py migrate` if this "
                "code is newer than the backup."
            )
        )
