"""Every demo page a reader needs is reachable by following links from each site's home page."""

import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Site

from warta.articles.models import StandingPage, StandingRole, TopicPage, VideoIndexPage
from warta.maps.models import MapPage
from warta.people.models import AuthorPage

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a [^>]*href="([^"]+)"')
# Not pages to read: files, feeds, the admin, APIs, and the many query-string views.
SKIP = ("/admin/", "/media/", "/static/", "/feed/", "/api/", "/live/", "/documents/")


@pytest.fixture
def demo(db):
    call_command("load_demo", port=80, stdout=None, stderr=None)


def crawl(client, host, limit=400):
    """{path: status} of every page reachable from "/" on `host` (no query strings)."""
    seen, queue = {}, deque(["/"])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path, HTTP_HOST=host)
        seen[path] = response.status_code
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for href in HREF.findall(response.content.decode()):
            url = urlsplit(unescape(href))
            if url.scheme and (url.scheme not in ("http", "https") or url.hostname != host):
                continue
            if url.query or not url.path.startswith("/") or url.path.startswith(SKIP):
                continue
            if url.path not in seen:
                queue.append(url.path)
    return seen


def test_every_reader_page_of_both_demo_sites_is_linked_from_home(client, demo):
    for site in Site.objects.all():
        home = site.root_page
        reached = crawl(client, site.hostname)
        broken = {path: status for path, status in reached.items() if status != 200}
        assert not broken, (site.hostname, broken)

        def url(page, site=site):
            return page.relative_url(site)

        wanted = {"Peta": [url(page) for page in MapPage.objects.live().descendant_of(home)]}
        wanted["video index"] = [
            url(page) for page in VideoIndexPage.objects.live().descendant_of(home)
        ]
        wanted["topics"] = [url(page) for page in TopicPage.objects.live().descendant_of(home)]
        wanted["authors"] = [url(page) for page in AuthorPage.objects.live().descendant_of(home)]
        standing = StandingPage.objects.live().descendant_of(home).exclude(role="")
        wanted["standing pages"] = [url(page) for page in standing]
        assert set(standing.values_list("role", flat=True)) == set(StandingRole.values)
        for kind, urls in wanted.items():
            assert urls, (site.hostname, kind)
            missing = [path for path in urls if path not in reached]
            assert not missing, (site.hostname, kind, missing)
        assert 'class="lead-story"' in client.get("/", HTTP_HOST=site.hostname).content.decode()
        # Tag pages are reached from the articles' tags.
        assert any(path.startswith("/tag/") for path in reached), site.hostname
