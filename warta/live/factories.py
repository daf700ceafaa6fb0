"""Builders for live coverage in tests and development data (through the services)."""

from wagtail.rich_text import RichText

from warta.articles.factories import publish
from warta.articles.models import TopicIndexPage, TopicPage
from warta.live import services
from warta.live.models import LiveUpdate


def make_topic(site, title="Banjir Bali", slug="banjir-bali"):
    home = site.root_page.specific
    index = TopicIndexPage.objects.child_of(home).first() or publish(
        home, TopicIndexPage(title="Topik", slug="topik")
    )
    return publish(index, TopicPage(title=title, slug=slug, summary="Perkembangan terkini."))


def make_coverage(page, **fields):
    return services.start(page, **fields)


def make_update(coverage, text="Air mulai surut.", **fields):
    fields.setdefault("body", [("text", RichText(f"<p>{text}</p>"))])
    return services.post(LiveUpdate(coverage=coverage, **fields))
