"""Site-wide structured data (JSON-LD) in every public page's head, from apps above core.

Core's base template cannot know what a higher app describes, so those apps
register a producer in their ``AppConfig.ready()``::

    register_structured_data(website_and_publisher)

A producer takes ``(request, page)`` (``page`` may be None) and returns a list of
JSON-LD dicts, without a database query where it can (pages are cached, but the
first render counts). ``{% site_structured_data %}`` in ``base.html`` renders them.
"""

from collections.abc import Callable

from django.urls import reverse

Producer = Callable[[object, object], list]

_producers: list[Producer] = []


def register_structured_data(producer: Producer) -> None:
    if producer not in _producers:
        _producers.append(producer)


def structured_data_for(request, page) -> list:
    found = []
    for producer in _producers:
        found.extend(producer(request, page))
    return found


def publisher(request, site) -> dict:
    """The site as schema.org NewsMediaOrganization, with its generated logo (`/logo.png`)."""
    return {
        "@type": "NewsMediaOrganization",
        "name": site.site_name,
        "url": site.root_url + "/",
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(reverse("site-logo")),
            "width": 512,
            "height": 512,
        },
    }
