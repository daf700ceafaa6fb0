import time

from django.core.management.base import BaseCommand

from warta.importers.ingest import due_sources
from warta.importers.tasks import poll_feed


class Command(BaseCommand):
    help = (
        "Queue a poll of every feed source that is due (its interval has passed); "
        "new entries become drafts. With --every, keep checking."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="Check again every N seconds, until stopped."
        )

    def handle(self, *args, every, verbosity, **options):
        while True:
            queued = 0
            for source in due_sources():
                # Pushed forward now, so the next check does not queue it twice.
                source.schedule_next()
                source.save(update_fields=["last_polled_at", "next_poll_at"])
                poll_feed.enqueue(source.pk)
                queued += 1
            if verbosity:
                self.stdout.write(f"{queued} feed(s) queued")
            if not every:
                break
            time.sleep(every)
