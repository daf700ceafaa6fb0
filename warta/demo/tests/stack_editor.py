"""The newsroom side of the production-stack smoke test, run as its own process.

It writes to the stack's database the way an editor does (Wagtail's publish, the
live services), so purges and broadcasts go out as in production. Commands, one a
line on stdin, each answered by one JSON line on stdout:

    setup              a site, a section, an article, a topic with a live coverage
    publish <title>    the article retitled and published
    update <text>      a live update on the coverage
    idle               wait (up to 60 s) until the task worker has nothing left to do
                       (Wagtail sends purges from the worker: a late one could ban a
                       page the test has just cached)
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def answer(data):
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    from warta.articles.factories import make_article, make_section, make_site
    from warta.articles.models import ArticlePage
    from warta.live.factories import make_coverage, make_topic, make_update
    from warta.live.models import LiveCoverage

    answer({"ready": True})
    article_id = coverage_id = None
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "setup":
            site = make_site()
            article = make_article(make_section(site, "Internasional", "internasional"))
            topic = make_topic(site, "Sampah plastik", "sampah-plastik")
            coverage = make_coverage(topic)
            article_id, coverage_id = article.pk, coverage.pk
            answer(
                {
                    "host": site.hostname,
                    "article": article.url,
                    "topic": topic.url,
                    "coverage": coverage.pk,
                }
            )
        elif command == "publish":
            article = ArticlePage.objects.get(pk=article_id)
            article.title = argument
            article.save_revision().publish()
            answer({"published": argument})
        elif command == "update":
            make_update(LiveCoverage.objects.get(pk=coverage_id), text=argument)
            answer({"updated": argument})
        elif command == "idle":
            deadline = time.monotonic() + 60
            while DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists():
                if time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            answer({"idle": time.monotonic() <= deadline})
        else:
            answer({"error": f"unknown command {command!r}"})


if __name__ == "__main__":
    main()
