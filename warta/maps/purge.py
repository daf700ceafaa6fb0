"""Which URLs to purge from the front-end cache when a site's points change.

Only the canonical URLs can be purged — the map pages and the GeoJSON without
parameters that they load; filtered variants expire with their short max-age.
The purge itself, once per transaction and after commit, is
`warta.core.purge.purge_on_commit`.
"""

from django.urls import reverse
from wagtail.models import Site

from warta.maps.models import MapPage


def site_map_urls(site):
    root = site.root_url
    urls = [root + reverse("maps:points")]
    for page in MapPage.objects.live().descendant_of(site.root_page):
        urls.append(page.get_full_url())
    return urls


def add_site_maps(batch, site_id):
    """Add the maps of the site `site_id` to a PurgeBatch (nothing if it is gone)."""
    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        batch.add_urls(site_map_urls(site))
