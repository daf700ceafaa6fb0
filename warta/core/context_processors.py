from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from warta.core.models import SiteSettings


def _nav_sections(site):
    from warta.articles.models import SectionPage

    if site is None:
        return []
    return list(
        SectionPage.objects.live().public().child_of(site.root_page).only("title", "url_path")
    )


def branding(request):
    """The current site's name, masthead, tagline and sections for every template."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site": None}
    site_settings = SiteSettings.for_request(request)
    return {
        "site": site,
        "site_name": site.site_name,
        "site_settings": site_settings,
        "nav_sections": SimpleLazyObject(lambda: _nav_sections(site)),
    }
