from django.contrib.contenttypes.models import ContentType
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from warta.articles.models import (
    SectionPage,
    StandingRole,
    TopicIndexPage,
    VideoIndexPage,
    standing_pages,
)
from warta.core import pagecache
from warta.maps.models import MapPage
from warta.people.models import AuthorIndexPage


def _navigation(site):
    """The site's navigation, kept until the page tree next changes (core/pagecache.py)."""
    if site is None:
        return _build_navigation(site)
    return pagecache.cached(f"nav:{site.pk}", lambda: _build_navigation(site))


def _build_navigation(site):
    """The masthead's and footer's links, in two queries (the home page's children, standing pages).

    sections: the site's sections in tree order; topics, map, video, authors: the topic index,
    the Peta page, the video index and the author index (or None); standing: [(role, page)]
    in the roles' order.
    """
    found = {
        "sections": [],
        "topics": None,
        "map": None,
        "video": None,
        "authors": None,
        "standing": [],
    }
    if site is None:
        return found
    kinds = {
        ContentType.objects.get_for_model(model).pk: name
        for model, name in (
            (SectionPage, "sections"),
            (TopicIndexPage, "topics"),
            (MapPage, "map"),
            (VideoIndexPage, "video"),
            (AuthorIndexPage, "authors"),
        )
    }
    children = (
        Page.objects.live()
        .public()
        .child_of(site.root_page)
        .filter(content_type_id__in=kinds)
        .only("title", "url_path", "content_type_id", "path", "depth")
        .order_by("path")
    )
    for child in children:
        kind = kinds[child.content_type_id]
        if kind == "sections":
            found["sections"].append(child)
        elif found[kind] is None:
            found[kind] = child
    pages = standing_pages(site)
    found["standing"] = [(role, pages[role]) for role in StandingRole.values if role in pages]
    return found


def navigation(request):
    """The current site's navigation for the masthead and the footer (queried only if used)."""
    site = Site.find_for_request(request)
    nav = SimpleLazyObject(lambda: _navigation(site))
    return {"nav": nav, "nav_sections": SimpleLazyObject(lambda: nav["sections"])}
