"""Sitemaps for search engines: an index, paged sitemaps with images, Google News, robots.txt.

Per site (the request's). `lastmod` is the page's modified time from
`articles.modified.modified_times`, so corrections and live updates move it.
Pages are listed in tree order, `PAGE_SIZE` per sitemap (the protocol allows
50,000; smaller files are cheaper to build and to refetch).
"""

from datetime import timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from warta.articles.models import ArticlePage
from warta.articles.modified import modified_times
from warta.core.http import public
from warta.discovery.syndication import RENDITION, current_site
from warta.images.models import WartaImage

PAGE_SIZE = 1000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000

XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def xml_response(body):
    return public(HttpResponse(XML + body, content_type="application/xml; charset=utf-8"))


def site_pages(site):
    return (
        Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    )


def paginator(site):
    return Paginator(
        site_pages(site).only("pk", "path", "url_path", "last_published_at"), PAGE_SIZE
    )


def sitemap_index(request):
    site = current_site(request)
    root = site.root_url
    entries = [
        root + reverse("discovery-sitemap-page", args=[number])
        for number in paginator(site).page_range
    ]
    entries.append(root + reverse("discovery-sitemap-news"))
    body = "".join(f"<sitemap><loc>{escape(url)}</loc></sitemap>" for url in entries)
    return xml_response(f'<sitemapindex xmlns="{SITEMAP_NS}">{body}</sitemapindex>\n')


def _images(pages):
    """{page pk: absolute image URL} for the articles among `pages` with a lead image."""
    leads = dict(
        ArticlePage.objects.filter(
            pk__in=[p.pk for p in pages], lead_image__isnull=False
        ).values_list("pk", "lead_image_id")
    )
    images = WartaImage.objects.filter(pk__in=set(leads.values())).prefetch_renditions(RENDITION)
    urls = {image.pk: image.get_rendition(RENDITION).url for image in images}
    return {pk: urls[image_id] for pk, image_id in leads.items() if image_id in urls}


def sitemap_page(request, number):
    site = current_site(request)
    try:
        pages = list(paginator(site).page(number))
    except EmptyPage:
        raise Http404 from None
    times = modified_times(pages)
    images = _images(pages)
    rows = []
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        row = f"<url><loc>{escape(url)}</loc>"
        if times.get(page.pk):
            row += f"<lastmod>{times[page.pk].isoformat()}</lastmod>"
        if page.pk in images:
            image = escape(request.build_absolute_uri(images[page.pk]))
            row += f"<image:image><image:loc>{image}</image:loc></image:image>"
        rows.append(row + "</url>")
    return xml_response(
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:image="{IMAGE_NS}">{"".join(rows)}</urlset>\n'
    )


def sitemap_news(request):
    """Google News: the site's articles of the last 48 hours, at most 1,000."""
    site = current_site(request)
    since = timezone.now() - NEWS_WINDOW
    articles = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(published_at__gte=since)
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    language = escape(settings.LANGUAGE_CODE)
    name = escape(site.site_name)
    rows = []
    for article in articles:
        rows.append(
            f"<url><loc>{escape(article.get_full_url(request))}</loc><news:news>"
            f"<news:publication><news:name>{name}</news:name>"
            f"<news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{article.published.isoformat()}</news:publication_date>"
            f"<news:title>{escape(article.title)}</news:title></news:news></url>"
        )
    return xml_response(
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">{"".join(rows)}</urlset>\n'
    )


def robots_txt(request):
    site = current_site(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /hak-jawab/",
        "",
        f"Sitemap: {site.root_url}{reverse('discovery-sitemap-index')}",
        f"Sitemap: {site.root_url}{reverse('discovery-sitemap-news')}",
        "",
    ]
    return public(HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))
