"""Rows as the API shows them (the shapes are in `schemas.py`).

Only public fields: no user accounts (an author is their byline page, an
update carries no poster's login), no originals, no revisions. A place is
sent as stored: an approximate place was rounded before it was ever saved
(`core.places.Placed`), so the exact point does not exist to leak.
"""

from django.urls import reverse
from wagtail.models import Page

from warta.api.blocks import lead_image_data, render_body, structured_body
from warta.core.sanitise import render_rich_text
from warta.live.rendering import render_update


def link(request, page):
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


def place(placed):
    if not (placed.place_name or placed.has_place):
        return None
    return {
        "name": placed.place_name,
        "latitude": placed.place_latitude,
        "longitude": placed.place_longitude,
        "approximate": placed.place_approximate,
        "regency": placed.place_regency,
        "province": placed.place_province,
    }


def site(request, site, settings):
    return {
        "id": site.pk,
        "name": site.site_name,
        "url": site.root_url,
        "tagline": settings.tagline,
        "time_zone": settings.time_zone,
        "language": settings.language,
    }


def section(request, site, page):
    return {
        "id": page.pk,
        "site": site.pk,
        "title": page.title,
        "slug": page.slug,
        "description": page.description,
        "url": page.get_full_url(request),
    }


def topic(request, site, page, coverage_ids):
    return {
        "id": page.pk,
        "site": site.pk,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "url": page.get_full_url(request),
        "live_coverage": coverage_ids.get(page.pk),
    }


def author(request, site, page):
    return {
        "id": page.pk,
        "site": site.pk,
        "name": page.title,
        "slug": page.slug,
        "role": page.role,
        "bio_html": render_rich_text(page.bio),
        "url": page.get_full_url(request),
    }


def article_summary(request, site, article, sections):
    """An article as lists show it; `sections` maps parent paths to live sections."""
    section = sections.get(article.path[: -Page.steplen])
    return {
        "id": article.pk,
        "site": site.pk,
        "url": article.get_full_url(request),
        "title": article.title,
        "kicker": article.kicker or (section.title if section else ""),
        "standfirst": article.standfirst,
        "type": article.story_type,
        "type_label": str(article.get_story_type_display()),
        "section": link(request, section) if section else None,
        "authors": [
            link(request, byline.author)
            for byline in article.article_authors.all()
            if byline.author.live
        ],
        "dateline": article.dateline,
        "topics": [link(request, topic) for topic in article.topics.all()],
        "tags": [
            {"name": item.tag.name, "slug": item.tag.slug} for item in article.tagged_items.all()
        ],
        "published_at": article.published_time,
        "updated_at": article.last_published_at,
        "place": place(article),
    }


def article(request, site, article, sections, coverage_id):
    return {
        **article_summary(request, site, article, sections),
        "lead_image": lead_image_data(request, article.lead_image),
        "body": structured_body(request, article.body),
        "body_html": render_body(request, article.body, article),
        "live_coverage": coverage_id,
    }


def coverage(request, site, coverage):
    return {
        "id": coverage.pk,
        "site": site.pk,
        "status": coverage.status,
        "status_label": str(coverage.get_status_display()),
        "started_at": coverage.started_at,
        "ended_at": coverage.ended_at,
        "page": link(request, coverage.page),
        "updates": request.build_absolute_uri(
            reverse("warta-api:live_updates", args=[coverage.pk])
        ),
    }


def correction(request, site, note):
    return {
        "id": note.pk,
        "site": site.pk,
        "kind": note.kind,
        "kind_label": str(note.get_kind_display()),
        "text": note.text,
        "created_at": note.created_at,
        "withdrawn_at": note.withdrawn_at,
        "withdraw_reason": note.withdraw_reason,
        "article": link(request, note.article),
    }


def update(request, update, site_settings):
    return {
        "id": update.pk,
        "time": update.time,
        "headline": update.headline,
        "pinned": update.pinned,
        "key_event": update.key_event,
        "place": place(update),
        "body": structured_body(request, update.body),
        "html": render_update(update, site_settings),
    }
