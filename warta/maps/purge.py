"""Purge a site's maps from the front-end cache when its points change.

Uses Wagtail's own frontend_cache backends (configured with
WAGTAILFRONTENDCACHE; without it this does nothing). Only the canonical URLs
can be purged — the map pages and the GeoJSON without parameters that they
load; filtered variants expire with their short max-age.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site


def site_map_urls(site):
    from warta.maps.models import MapPage

    root = site.root_url
    urls = [root + reverse("maps:points")]
    for page in MapPage.objects.live().descendant_of(site.root_page):
        urls.append(page.get_full_url())
    return urls


def purge_site_maps(site_id):
    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        purge_urls_from_cache(site_map_urls(site))


@dataclass(frozen=True)
class SiteMapsPurge:
    """An on-commit callback that compares equal for the same site, to queue it once."""

    site_id: int

    def __call__(self):
        purge_site_maps(self.site_id)
