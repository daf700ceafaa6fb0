from wagtail.models import Site

from warta.core.models import site_settings_for


def branding(request):
    """The current site's name, masthead and tagline for every template.

    The sections in the navigation come from `warta.articles.context_processors`.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {"site": None}
    return {
        "site": site,
        "site_name": site.site_name,
        "site_settings": site_settings_for(request),
    }
