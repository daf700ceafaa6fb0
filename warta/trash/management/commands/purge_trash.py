from django.core.management.base import BaseCommand

from warta.trash import services


class Command(BaseCommand):
    help = "Delete for good the pages and videos in the trash longer than WARTA_TRASH_DAYS."

    def handle(self, *args, **options):
        pages, videos = services.purge()
        if options["verbosity"] >= 1:
            self.stdout.write(f"purge_trash: {pages} page(s), {videos} video(s) deleted for good")
