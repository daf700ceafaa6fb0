"""WordPress's numeric links (`/?p=123`, `?page_id=`, `?attachment_id=`) lead to the new page.

Wagtail's redirect middleware only looks at requests that end in a 404, but
`/?p=123` is the home page with a query string: it answers 200 before any
redirect is consulted. The import stores these links as ordinary Wagtail
redirects (`/?p=123`); this middleware answers them first, and only when one
of the three parameters is present, so other requests cost nothing.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

WORDPRESS_ID_PARAMETERS = ("p", "page_id", "attachment_id")


class WordPressIdRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in WORDPRESS_ID_PARAMETERS:
            value = request.GET.get(name, "")
            if value.isascii() and value.isdigit() and len(value) < 20:
                redirect = (
                    Redirect.get_for_site(Site.find_for_request(request))
                    # On its own path only: `?p=2` is also the admin's (and others')
                    # page number, and /admin/pages/?p=2 must stay a page of a listing.
                    .filter(old_path=Redirect.normalise_path(f"{request.path}?{name}={int(value)}"))
                    .order_by("-site")
                    .first()
                )
                if redirect is not None and redirect.link:
                    response_class = (
                        HttpResponsePermanentRedirect
                        if redirect.is_permanent
                        else HttpResponseRedirect
                    )
                    return response_class(redirect.link)
                break
        return self.get_response(request)
