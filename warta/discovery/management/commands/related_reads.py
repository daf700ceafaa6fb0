from django.core.management.base import BaseCommand

from warta.articles.models import ArticlePage
from warta.discovery.related import compute_all


class Command(BaseCommand):
    help = (
        "Compute the related reads of every published article (once, for an archive that "
        "predates them; publishing keeps them current afterwards). Editors' pins and "
        "removals are kept."
    )

    def handle(self, *args, **options):
        articles = ArticlePage.objects.live().public().order_by("published_at")
        self.stderr.write(f"Computing related reads for {articles.count()} articles…")
        self.stdout.write(f"Related reads computed for {compute_all(articles)} articles.")
