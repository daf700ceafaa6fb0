from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from warta.core.models import site_settings_for
from warta.live.models import LiveCoverage
from warta.live.rendering import render_update

register = template.Library()

UPDATES_PER_PAGE = 20


@register.inclusion_tag("live/includes/coverage.html", takes_context=True)
def live_coverage(context, page):
    """The live coverage of `page`, server-rendered so it works with JS off.

    Pinned updates come first, then the newest; older ones are paginated with
    ?live_page=N (a bad N shows the nearest page: the list moves under readers).
    """
    coverage = LiveCoverage.objects.filter(page_id=page.pk).first()
    if coverage is None:
        return {"coverage": None}
    request = context["request"]
    site_settings = site_settings_for(request)
    updates = coverage.public_updates()
    page_obj = Paginator(updates, UPDATES_PER_PAGE).get_page(request.GET.get("live_page"))
    newest = coverage.updates.filter(approved=True).order_by("-time").first()
    key_events = list(
        updates.filter(key_event=True).order_by("-time").only("pk", "headline", "time")[:10]
    )
    url = page.get_full_url(request)
    return {
        "coverage": coverage,
        "request": request,
        "page_obj": page_obj,
        "rendered": [render_update(update, site_settings) for update in page_obj],
        "newest": newest,
        # Without JS the page says how old it is and offers a reload (live.js hides it).
        "rendered_at": timezone.now(),
        "key_events": key_events,
        "cursor": coverage.latest_event_id(),
        "stream_url": reverse("live:stream", args=[coverage.pk]),
        "json_url": reverse("live:updates_json", args=[coverage.pk]),
        "structured_data": structured_data(coverage, page, url, newest, page_obj),
    }


def structured_data(coverage, page, url, newest, page_obj):
    """schema.org LiveBlogPosting: coverage times and the updates on this page."""
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": f"{url}#live",
        "url": url,
        "headline": page.title,
        "coverageStartTime": coverage.started_at.isoformat(),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#update-{update.pk}",
                "url": f"{url}#update-{update.pk}",
                "headline": update.headline or page.title,
                "datePublished": update.time.isoformat(),
                "dateModified": update.updated_at.isoformat(),
            }
            for update in page_obj
        ],
    }
    if coverage.ended_at:
        data["coverageEndTime"] = coverage.ended_at.isoformat()
    if newest:
        data["dateModified"] = newest.time.isoformat()
    return data
