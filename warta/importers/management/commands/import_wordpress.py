import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from warta.importers.wordpress import ImportSettingsError, WordPressImport
from warta.importers.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR) into a site: authors, sections from categories, "
        "photos, posts and pages, with 301 redirects from every old URL. Safe to run again: "
        "unchanged items are left alone, changed ones updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WXR file (Tools → Export in WordPress).")
        parser.add_argument("--site", required=True, help="Host name or ID of the Warta site.")
        parser.add_argument(
            "--media-dir", help="A copy of wp-content/uploads/, where the photos are read from."
        )
        parser.add_argument(
            "--media-host",
            action="append",
            default=[],
            help="A host photos missing from --media-dir may be fetched from (repeatable).",
        )
        parser.add_argument(
            "--sections",
            help='A JSON file mapping category slugs to section slugs: {"daerah": "bali"}.',
        )
        parser.add_argument(
            "--default-section",
            default="berita",
            help="Section of posts without a category (created if missing; default: berita).",
        )
        parser.add_argument(
            "--create-users",
            action="store_true",
            help="Also create a (password-less) user account for every author.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything, then roll it all back."
        )

    def handle(self, *args, file, site, media_dir, media_host, sections, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"No such folder: {media_dir}")
        found = Site.objects.filter(hostname=site).first() or (
            Site.objects.filter(pk=site).first() if site.isascii() and site.isdigit() else None
        )
        if found is None:
            raise CommandError(f"No site “{site}” (give its host name or ID).")
        section_map = {}
        if sections:
            try:
                section_map = json.loads(Path(sections).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(
                    f"The section map {sections} is not readable JSON: {error}"
                ) from error
            if not isinstance(section_map, dict):
                raise CommandError("The section map must be a JSON object of slug to slug.")

        def progress(done, total):
            if verbosity and (done % 100 == 0 or done == total):
                self.stderr.write(f"{done}/{total}")

        importer = WordPressImport(
            path,
            found,
            media_dir=media_dir,
            media_hosts=media_host,
            section_map=section_map,
            default_section=options["default_section"],
            create_users=options["create_users"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        try:
            report = importer.run()
        except (WXRError, ImportSettingsError) as error:
            raise CommandError(f"Nothing imported: {error}") from error
        if report.source:
            self.stdout.write(f"From {report.source}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
        for name, count in sorted(report.counts.items()):
            self.stdout.write(f"{name}: {count}")
        for item, message in report.warnings:
            self.stdout.write(f"warning: {item}: {message}")
