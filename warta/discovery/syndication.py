"""RSS 2.0, Atom and JSON Feed 1.1 of a site's newest stories, or of a section, topic, tag, author.

One query builds every feed's items (`stories`), one more finds their
modified times (`articles.modified.modified_times`: corrections and live
updates move them). RSS and Atom come from Django's syndication framework;
JSON Feed, which Django does not write, is a dict. Every feed is public for
the pages' max-age and revalidates by ETag (ConditionalGetMiddleware).

GUIDs are `tag:` URIs of the site's host and the page id, not the URL: a story
whose slug or section changes keeps its GUID, so readers do not see it twice.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Site

from warta.articles.models import ArticlePage, SectionPage, TopicPage
from warta.articles.modified import modified_times
from warta.core.http import public
from warta.core.models import site_settings_for
from warta.people.models import AuthorPage

ITEMS = 30
RENDITION = "width-1200"


def current_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


# The word in a scoped feed's URL (/feed/rubrik/daerah/) and what it narrows to.
SCOPES = {"rubrik": "section", "topik": "topic", "tag": "tag", "penulis": "author"}


def stories(site, scope=None, value=None):
    """The newest live, public articles of `site`, narrowed to one section/topic/tag/author."""
    if scope is not None:
        if scope not in SCOPES:
            raise Http404
        scope = SCOPES[scope]
    articles = ArticlePage.objects.live().public().descendant_of(site.root_page)
    if scope == "section":
        section = get_object_or_404(
            SectionPage.objects.live().public().child_of(site.root_page), slug=value
        )
        articles, title = articles.child_of(section), section.title
    elif scope == "topic":
        topic = get_object_or_404(
            TopicPage.objects.live().public().descendant_of(site.root_page), slug=value
        )
        articles, title = articles.filter(topics=topic), topic.title
    elif scope == "tag":
        articles = articles.filter(tags__slug=value)
        title = f"#{value}"
    elif scope == "author":
        author = get_object_or_404(AuthorPage.objects.live().public(), slug=value)
        articles, title = articles.filter(article_authors__author=author), author.title
    else:
        title = None
    items = list(
        articles.select_related("lead_image")
        .prefetch_related("article_authors__author")
        .order_by("-published_at", "-pk")[:ITEMS]
    )
    if scope == "tag" and not items:
        raise Http404
    return title, items


def guid(site, page):
    return f"tag:{site.hostname},2021:page-{page.pk}"


def summary(page):
    return page.standfirst or page.search_description or ""


def full_text(page):
    return str(page.body)


MEDIA_RSS = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS: the lead image as `<media:content>` beside the enclosure."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        media = item.get("media")
        if media:
            handler.addQuickElement("media:content", "", media)


class StoryFeed(Feed):
    """RSS 2.0 of a site (or one section, topic, tag or author)."""

    feed_type = MediaRssFeed

    def get_object(self, request, scope=None, value=None):
        self.request = request
        site = current_site(request)
        title, items = stories(site, scope, value)
        self.times = modified_times(items)
        self.full_text = site_settings_for(site).feed_full_text
        return {"site": site, "title": title, "items": items}

    def title(self, obj):
        name = obj["site"].site_name
        return f"{obj['title']} — {name}" if obj["title"] else name

    def link(self, obj):
        return obj["site"].root_url + "/"

    def description(self, obj):
        return _("The latest fact-based news from %(site)s") % {"site": obj["site"].site_name}

    def feed_url(self, obj):
        return self.request.build_absolute_uri()

    def items(self, obj):
        return obj["items"]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return guid(current_site(self.request), item)

    item_guid_is_permalink = False

    def item_description(self, item):
        return full_text(item) if self.full_text else summary(item)

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return self.times.get(item.pk) or item.published

    def item_author_name(self, item):
        return ", ".join(byline.author.title for byline in item.article_authors.all()) or None

    def item_categories(self, item):
        return [item.section_label]

    def lead_rendition(self, item):
        return item.lead_image.get_rendition(RENDITION) if item.lead_image else None

    def item_enclosures(self, item):
        rendition = self.lead_rendition(item)
        if rendition is None:
            return []
        url = self.request.build_absolute_uri(rendition.url)
        return [Enclosure(url, str(rendition.file.size), "image/jpeg")]

    def item_extra_kwargs(self, item):
        rendition = self.lead_rendition(item)
        if rendition is None:
            return {}
        media = {
            "url": self.request.build_absolute_uri(rendition.url),
            "medium": "image",
            "type": "image/jpeg",
            "width": str(rendition.width),
            "height": str(rendition.height),
        }
        return {"media": media}

    def __call__(self, request, *args, **kwargs):
        return public(super().__call__(request, *args, **kwargs))


class AtomStoryFeed(StoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def json_feed(request, scope=None, value=None):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the same items."""
    site = current_site(request)
    title, items = stories(site, scope, value)
    times = modified_times(items)
    site_settings = site_settings_for(site)
    full = site_settings.feed_full_text
    name = site.site_name
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{title} — {name}" if title else name,
        "home_page_url": site.root_url + "/",
        "feed_url": request.build_absolute_uri(),
        "language": site_settings.language,
        "items": [],
    }
    for page in items:
        entry = {
            "id": guid(site, page),
            "url": page.get_full_url(request),
            "title": page.title,
            "summary": summary(page),
            "date_published": page.published.isoformat() if page.published else None,
            "date_modified": (times.get(page.pk) or page.published).isoformat()
            if page.published
            else None,
            "authors": [{"name": b.author.title} for b in page.article_authors.all()],
            "tags": [page.section_label],
        }
        if full:
            entry["content_html"] = full_text(page)
        else:
            entry["content_text"] = strip_tags(summary(page)) or page.title
        if page.lead_image:
            entry["image"] = request.build_absolute_uri(
                page.lead_image.get_rendition(RENDITION).url
            )
        feed["items"].append({k: v for k, v in entry.items() if v is not None})
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/feed+json; charset=utf-8"
    return public(response)
