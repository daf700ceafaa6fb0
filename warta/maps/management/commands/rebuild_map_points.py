"""Recompute the map points of every registered source (after wiring a new one, or an import)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from warta.maps.registry import registry


class Command(BaseCommand):
    help = "Rebuild the map-point table from every registered map source; safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = registry.rebuild(log=self.stderr.write)
        self.stdout.write(f"Map points: {count}.")
