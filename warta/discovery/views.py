"""The public search page (/cari/) and its OpenSearch description (/opensearch.xml)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from warta.articles.models import SectionPage, StoryType
from warta.core.http import public
from warta.core.models import site_settings_for
from warta.discovery import search
from warta.discovery.models import SearchEntry

MAX_QUERY = 200  # characters of `q` considered; the rest is ignored


# Dates a search can filter on: a day either side of them and a time zone's
# offset must stay inside Python's calendar (years 1 to 9999).
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 1, 1)


def _date(value):
    """A date from YYYY-MM-DD; None when absent; False when unreadable or out of range."""
    try:
        day = date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return False
    if day is not None and not EARLIEST <= day <= LATEST:
        return False
    return day


def _page_number(value):
    value = (value or "1").strip()
    digits = value.isascii() and value.isdigit()
    if not digits or len(value) > 6:
        return search.MAX_PAGES if digits else 1
    return max(1, int(value))


def search_page(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    messages = []
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    zone = ZoneInfo(site_settings_for(request).time_zone)

    sections = list(SectionPage.objects.live().child_of(site.root_page).order_by("path"))
    section_id = None
    wanted_section = request.GET.get("rubrik", "")
    if wanted_section:
        by_slug = {s.slug: s.pk for s in sections}
        section_id = by_slug.get(wanted_section)
        if section_id is None:
            messages.append(_("Unknown section ignored."))
    story_type = request.GET.get("jenis", "")
    if story_type and story_type not in StoryType.values:
        messages.append(_("Unknown story type ignored."))
        story_type = ""

    start, end = _date(request.GET.get("dari")), _date(request.GET.get("sampai"))
    if start is False or end is False:
        messages.append(_("A date could not be read (use YYYY-MM-DD) and was ignored."))
        start = start or None
        end = end or None
    if start and end and start > end:
        start, end = end, start
        messages.append(_("The dates were reversed; they have been swapped."))
    filters = search.Filters(
        root_path=site.root_page.path,
        section_id=section_id,
        story_type=story_type or None,
        start=datetime.combine(start, time.min, zone) if start else None,
        end=datetime.combine(end + timedelta(days=1), time.min, zone) if end else None,
    )
    newest = request.GET.get("urut") == "terbaru"
    number = _page_number(request.GET.get("hal"))
    groups, results, corrected = search.run(query, filters, page=number, newest=newest)
    pages = search.pages_for(results.total)
    number = max(1, min(number, pages))

    by_id = {
        entry.pk: entry
        for entry in SearchEntry.objects.filter(pk__in=results.page_ids).select_related("page")
    }
    hits = []
    for page_id in results.page_ids:
        entry = by_id.get(page_id)
        if entry is None:
            continue
        hits.append(
            {
                "url": entry.page.get_url(request),
                "title": search.highlight(entry.title, groups, words=60),
                "snippet": search.highlight(entry.text, groups),
                "published": entry.published_at,
                "story_type": StoryType(entry.story_type).label
                if entry.story_type in StoryType.values
                else "",
            }
        )
    params = request.GET.copy()
    params.pop("hal", None)
    context = {
        "query": query,
        "searched": bool(query),
        "no_words": bool(query) and not groups,
        "hits": hits,
        "total": results.total,
        "capped": results.total >= search.PER_PAGE * search.MAX_PAGES,
        "page_number": number,
        "pages": pages,
        "previous_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if number < pages else None,
        "base_query": params.urlencode(),
        "sections": sections,
        "section_slug": wanted_section if section_id else "",
        "story_types": StoryType.choices,
        "story_type": story_type,
        "start": start.isoformat() if start else "",
        "end": end.isoformat() if end else "",
        "newest": newest,
        "messages_list": messages,
        "corrected": corrected,
        "suggestion": search.suggestion(site.root_page.path, query)
        if query and groups and not hits
        else "",
        "time_zone": zone,
    }
    return public(render(request, "discovery/search.html", context))


def search_redirect(request):
    target = reverse("discovery-search")
    if request.GET:
        target += "?" + request.GET.urlencode()
    return public(redirect(target, permanent=True))


def opensearch(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    home = Page.objects.get(pk=site.root_page_id)
    response = render(
        request,
        "discovery/search_opensearch.xml",
        {"site_name": site.site_name, "root_url": home.get_site().root_url},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
    return public(response)
