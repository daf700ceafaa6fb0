"""Builders for sites and pages in tests and development data.

Plain functions rather than factory_boy classes: Wagtail pages must be added
to the tree through their parent, which factories hide awkwardly.
"""

import itertools
from datetime import datetime

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from warta.articles.models import ArticleAuthor, ArticlePage, HomePage, SectionPage
from warta.core.models import SiteSettings
from warta.people.models import AuthorIndexPage, AuthorPage

_counter = itertools.count(1)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_site(
    name="BALICITIZEN",
    hostname="balicitizen.localhost",
    time_zone="Asia/Makassar",
    tagline="Berita berbasis fakta.",
    default=True,
):
    root = Page.get_first_root_node()
    home = publish(root, HomePage(title=name, slug=f"{name.lower()}-{next(_counter)}"))
    site = Site.objects.create(
        hostname=hostname, port=80, site_name=name, root_page=home, is_default_site=default
    )
    if default:
        Site.objects.exclude(pk=site.pk).update(is_default_site=False)
    SiteSettings.objects.update_or_create(
        site=site, defaults={"tagline": tagline, "time_zone": time_zone, "logo_text": name}
    )
    return site


def make_section(site, title="Bali", slug=None):
    return publish(site.root_page.specific, SectionPage(title=title, slug=slug or title.lower()))


def make_author(site, name="Ni Luh Ayu"):
    home = site.root_page.specific
    index = AuthorIndexPage.objects.child_of(home).first() or publish(
        home, AuthorIndexPage(title="Penulis", slug="penulis")
    )
    return publish(index, AuthorPage(title=name, slug=f"author-{next(_counter)}", role="Reporter"))


def paragraphs(count):
    return [("paragraph", RichText(f"<p>Paragraf {i}.</p>")) for i in range(1, count + 1)]


def make_article(section, title="Judul berita", authors=(), body=None, published_at=None, **fields):
    page = ArticlePage(
        title=title,
        slug=fields.pop("slug", f"artikel-{next(_counter)}"),
        body=body if body is not None else paragraphs(3),
        published_at=published_at or datetime.fromisoformat("2021-12-31T01:15:00+00:00"),
        **fields,
    )
    page.article_authors = [ArticleAuthor(author=author) for author in authors]
    return publish(section, page)
