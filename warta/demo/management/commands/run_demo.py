"""Run the whole demo: web server, task worker and scheduled publishing, until Ctrl-C."""

import os
import signal
import subprocess
import sys
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.models import Site

from warta.demo import content


class Command(BaseCommand):
    help = "Start the ASGI web server, the background task worker and the publishing scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--schedule-interval",
            type=int,
            default=60,
            help="Seconds between checks for pages scheduled to go live or expire.",
        )

    def handle(self, *args, port, host, schedule_interval, **options):
        # The handler only records the signal. It must not take a lock: it runs
        # in the main thread between two bytecodes, possibly while that thread
        # holds the very lock (Event.set() inside the handler deadlocked when
        # TERM and INT arrived together). The loop below sees the flag.
        received = []

        def shut_down(signum, _frame):
            received.append(signum)

        signal.signal(signal.SIGTERM, shut_down)
        signal.signal(signal.SIGINT, shut_down)
        python = sys.executable
        processes = [
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "uvicorn",
                    "warta.asgi:application",
                    "--host",
                    host,
                    "--port",
                    str(port),
                    "--no-access-log",
                    # Live-update streams stay open; Ctrl-C should not wait for readers.
                    "--timeout-graceful-shutdown",
                    "3",
                ]
            ),
            subprocess.Popen([python, "manage.py", "demo_worker", "--queue-name", "*"]),
        ]
        stop = threading.Event()
        threading.Thread(
            target=self.publish_scheduled, args=(stop, schedule_interval), daemon=True
        ).start()
        self.print_welcome(port)

        while not received:
            if any(process.poll() is not None for process in processes):
                self.stderr.write("A demo process stopped; shutting the others down.")
                break
            time.sleep(0.2)
        stop.set()
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if sys.argv[1:2] == ["run_demo"]:
            # Nothing is left to clean up, and tearing down an interpreter that
            # loaded Django and Wagtail takes 2-3 s on a busy machine: on top of
            # the children's own stop, TERM took more than 5 s to end the demo.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)

    def publish_scheduled(self, stop, interval):
        while not stop.wait(interval):
            call_command("publish_scheduled", verbosity=0)
            # Video transcodes whose worker died are queued again (warta.video.recovery).
            call_command("transcode_pending", verbosity=0)
            # Wire and RSS sources whose interval is up are polled into drafts (warta.importers).
            call_command("poll_feeds", verbosity=0)
            # What has been in the trash longer than WARTA_TRASH_DAYS goes for good (warta.trash).
            call_command("purge_trash", verbosity=0)

    def print_welcome(self, port):
        lines = ["", "Warta demo is running. Press Ctrl-C to stop.", ""]
        for site in Site.objects.order_by("-is_default_site", "site_name"):
            lines.append(f"  {site.site_name:<12} http://{site.hostname}:{port}/")
        lines += [
            f"  {'(default)':<12} http://127.0.0.1:{port}/",
            f"  {'Admin':<12} http://127.0.0.1:{port}/admin/",
            f"  Login (demo only): admin / {content.DEMO_PASSWORD}"
            f"  — also reporter, editor, pemeriksa (fact-checker) with the same password",
            "",
        ]
        self.stdout.write("\n".join(lines))
