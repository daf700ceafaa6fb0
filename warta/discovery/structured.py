"""A site's home page tells search engines who publishes it and how to search it.

Registered with `core.structured.register_structured_data` (discovery/apps.py):
on a site's home page, schema.org `WebSite` with a `SearchAction` into `/cari/`
and the publisher (`NewsMediaOrganization`, with its logo and, when the site
has them, its editorial standards, corrections policy and ownership pages —
the standing pages' roles, one query). Other pages get nothing from here:
articles name their publisher themselves, breadcrumbs come with the article.
"""

from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Site

from warta.articles.models import HomePage, StandingRole, standing_pages
from warta.core.structured import publisher

# schema.org's NewsMediaOrganization properties for the standing pages' roles.
POLICY_PROPERTIES = {
    StandingRole.STANDARDS: "publishingPrinciples",
    StandingRole.CORRECTIONS: "correctionsPolicy",
    StandingRole.OWNERSHIP: "ownershipFundingInfo",
    StandingRole.CONTACT: "actionableFeedbackPolicy",
}


def home_structured_data(request, page):
    if not isinstance(page, HomePage):
        return []
    site = Site.find_for_request(request)
    if site is None or site.root_page_id != page.pk:
        return []
    home = site.root_url + "/"
    search = request.build_absolute_uri(reverse("discovery-search"))
    organisation = {"@context": "https://schema.org", **publisher(request, site)}
    organisation["@id"] = f"{home}#publisher"
    for role, standing in standing_pages(site).items():
        if role in POLICY_PROPERTIES:
            organisation[POLICY_PROPERTIES[role]] = standing.get_full_url(request)
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": site.site_name,
        "url": home,
        "inLanguage": get_language(),
        "publisher": {"@id": organisation["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [website, organisation]
