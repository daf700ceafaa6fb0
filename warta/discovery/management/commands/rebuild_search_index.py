"""Rebuild the search index from the live, public articles (idempotent)."""

import sys
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from warta.articles.models import ArticlePage
from warta.discovery import search
from warta.discovery.models import SearchEntry

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the search index (discovery.SearchEntry) from every live article."

    def handle(self, *args, **options):
        started = time.monotonic()
        pages = ArticlePage.objects.live().public().order_by("pk")
        total = pages.count()
        done = 0
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            batch = []
            for page in pages.iterator(chunk_size=BATCH):
                page.section_id_for_index = page.get_parent().pk
                batch.append(search.entry_for(page, search.page_text(page)))
                if len(batch) >= BATCH:
                    SearchEntry.objects.bulk_create(batch)
                    done += len(batch)
                    batch = []
                    self._progress(done, total)
            SearchEntry.objects.bulk_create(batch)
            done += len(batch)
        self._progress(done, total)
        self.stdout.write(f"\nIndexed {done} articles in {time.monotonic() - started:.1f} s.")

    def _progress(self, done, total):
        self.stdout.write(f"\r{done}/{total} articles indexed", ending="")
        sys.stdout.flush()
