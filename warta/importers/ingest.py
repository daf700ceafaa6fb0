"""Polling a feed source: new entries become draft articles, never published.

The one write path of feed ingest (the `poll_feed` task calls `poll`). The
feed is fetched through the SSRF guard (`warta.core.fetch`) from the source's
allowed host only, with its ETag and Last-Modified, so an unchanged feed
costs a 304. Each new entry is written in its own transaction: a
`FeedItem` (so its GUID is never taken again) and, unless a near-identical
headline reached the same site in the last days, a draft in the source's
section, crediting the source and linking to the original.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from warta.articles.models import ArticlePage
from warta.core.fetch import FetchRefused, fetch
from warta.core.models import site_settings_for
from warta.importers.content import convert, text_of
from warta.importers.feeds import FeedError, is_near_duplicate, parse_feed, title_key
from warta.importers.models import FeedItem, FeedSource

FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
}
MAX_FEED_BYTES = 5 * 1024 * 1024
DUPLICATE_WINDOW = timedelta(days=3)


@dataclass
class PollResult:
    drafted: int = 0
    duplicates: int = 0
    unchanged: bool = False
    error: str = ""


def due_sources(now=None):
    now = now or timezone.now()
    return FeedSource.objects.filter(active=True).exclude(next_poll_at__gt=now)


def poll(source, *, trusted_first_hop=frozenset()):
    """Fetch `source` once and draft its new entries; errors are kept on the source."""
    result = PollResult()
    headers = {"User-Agent": "Warta feed ingest", "Accept": ", ".join(sorted(FEED_TYPES))}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    try:
        response = fetch(
            source.url,
            allowed_hosts={source.host},
            max_bytes=MAX_FEED_BYTES,
            content_types=FEED_TYPES,
            headers=headers,
            trusted_first_hop=trusted_first_hop,
        )
        if response.status == 304:
            result.unchanged = True
        else:
            entries = parse_feed(response.body)
            for entry in entries:
                with transaction.atomic():
                    drafted = draft(source, entry)
                if drafted is True:
                    result.drafted += 1
                elif drafted is False:
                    result.duplicates += 1
            source.etag = response.headers.get("etag", "")[:255]
            source.last_modified = response.headers.get("last-modified", "")[:64]
    except (FetchRefused, FeedError) as error:
        result.error = str(error)
    source.last_error = result.error
    source.schedule_next()
    source.save(
        update_fields=["etag", "last_modified", "last_error", "last_polled_at", "next_poll_at"]
    )
    return result


def draft(source, entry):
    """True: drafted; False: a duplicate of another wire's story; None: already taken."""
    if FeedItem.objects.filter(source=source, guid=entry.guid).exists():
        return None
    key = title_key(entry.title)
    recent = (
        FeedItem.objects.filter(
            source__site=source.site,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            duplicate_of__isnull=True,
        )
        .exclude(title_key="")
        .values_list("title_key", "pk")
    )
    keys = dict(recent)
    same = is_near_duplicate(key, keys)
    item = FeedItem(
        source=source,
        guid=entry.guid,
        title=entry.title,
        title_key=key,
        link=entry.link,
        duplicate_of=FeedItem(pk=keys[same]) if same is not None else None,
    )
    if same is not None:
        item.save()
        return False
    page = ArticlePage(
        title=entry.title,
        slug=free_slug(source.section, entry.title),
        standfirst=text_of(entry.summary)[:600],
        body=body(source, entry),
        live=False,
    )
    source.section.add_child(instance=page)
    page.save_revision(log_action=True)
    item.page = page
    item.save()
    return True


def body(source, entry):
    """The entry's text as body blocks, then the credit line with the original link."""
    blocks = [
        (kind, value)
        for kind, value in convert(entry.content or entry.summary).blocks
        if kind in ("paragraph", "heading", "quote", "embed")
    ]
    credit = escape(source.name)
    if entry.link:
        credit = f'<a href="{escape(entry.link)}">{credit}</a>'
    # In the site's language, like the rest of the story.
    with translation.override(site_settings_for(source.site).language):
        label = _("Source")
    blocks.append(("paragraph", f"<p>{escape(label)}: {credit}</p>"))
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def free_slug(section, title):
    base = slugify(title, allow_unicode=True)[:180] or "berita"
    slug, n = base, 1
    while section.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
