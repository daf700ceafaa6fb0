import time

from django.core.management.base import BaseCommand

from warta.video.recovery import recover_stalled_videos


class Command(BaseCommand):
    help = (
        "Queue again the video transcodes whose worker died (stale heartbeat); "
        "with --every, keep checking."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="Seconds without a heartbeat (default: setting).",
        )
        parser.add_argument(
            "--every", type=int, default=0, help="Check again every N seconds, until stopped."
        )

    def handle(self, *args, lease, every, verbosity, **options):
        while True:
            requeued, failed = recover_stalled_videos(lease)
            if requeued or failed:
                self.stderr.write(f"Requeued videos {requeued}; stopped videos {failed}")
            if not every:
                break
            time.sleep(every)
        if verbosity:
            self.stdout.write(f"{len(requeued)} requeued, {len(failed)} stopped")
