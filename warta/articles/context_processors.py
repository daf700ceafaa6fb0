from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from warta.articles.models import SectionPage


def _nav_sections(site):
    if site is None:
        return []
    return list(
        SectionPage.objects.live().public().child_of(site.root_page).only("title", "url_path")
    )


def navigation(request):
    """The current site's sections, for the masthead (queried only if a template uses them)."""
    site = Site.find_for_request(request)
    return {"nav_sections": SimpleLazyObject(lambda: _nav_sections(site))}
