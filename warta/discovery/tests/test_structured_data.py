"""JSON-LD extracted from rendered pages carries the properties search engines require.

Required sets: Google Search Central's structured-data guidelines for each type
(Article, Breadcrumb, Video, Fact check, Organization, and the sitelinks search
box's WebSite/SearchAction), plus what schema.org needs to identify the thing
(`@context`, `@type`). A dotted path must be present and non-empty; `[]` checks
every element of a list.
"""

import io
import json

import pytest
from PIL import Image

from warta.articles.factories import make_article, publish
from warta.articles.models import StandingPage, StandingRole
from warta.images.factories import make_image
from warta.live.factories import make_coverage, make_topic, make_update
from warta.video.factories import make_clip, make_video
from warta.video.tasks import queue_transcode

pytestmark = pytest.mark.django_db

REQUIRED = {
    "NewsArticle": [
        "@context",
        "headline",
        "datePublished",
        "dateModified",
        "author[].name",
        "author[].url",
        "image",
        "publisher.name",
        "publisher.logo.url",
    ],
    "BreadcrumbList": [
        "@context",
        "itemListElement[].position",
        "itemListElement[].name",
        "itemListElement[].item",
    ],
    "WebSite": [
        "@context",
        "name",
        "url",
        "potentialAction.target.urlTemplate",
        "potentialAction.query-input",
    ],
    "NewsMediaOrganization": ["@context", "name", "url", "logo.url"],
    "LiveBlogPosting": [
        "@context",
        "headline",
        "url",
        "coverageStartTime",
        "liveBlogUpdate[].headline",
        "liveBlogUpdate[].datePublished",
    ],
    "VideoObject": ["@context", "name", "thumbnailUrl", "uploadDate", "contentUrl"],
}


def missing(data, required):
    """The required paths `data` lacks (empty list when it has them all)."""

    def present(value, parts):
        if not parts:
            return value not in (None, "", [], {})
        head, rest = parts[0], parts[1:]
        if head.endswith("[]"):
            items = value.get(head[:-2]) if isinstance(value, dict) else None
            return bool(items) and all(present(item, rest) for item in items)
        return isinstance(value, dict) and present(value.get(head), rest)

    return [path for path in required if not present(data, path.split("."))]


def blocks(html):
    found = {}
    start = 0
    marker = '<script type="application/ld+json">'
    while (start := html.find(marker, start)) != -1:
        end = html.index("</script>", start)
        data = json.loads(html[start + len(marker) : end])
        found.setdefault(data["@type"], []).append(data)
        start = end
    return found


def assert_complete(html, *types):
    found = blocks(html)
    for type_ in types:
        assert type_ in found, f"no {type_} JSON-LD"
        for data in found[type_]:
            assert missing(data, REQUIRED[type_]) == [], (type_, data)
    return found


def test_the_checker_reports_what_is_missing():
    article = {"@context": "https://schema.org", "headline": "Judul", "author": [{"name": "A"}]}
    assert "author[].url" in missing(article, REQUIRED["NewsArticle"])
    assert "publisher.logo.url" in missing(article, REQUIRED["NewsArticle"])
    assert missing({"a": [{"b": 1}, {"b": ""}]}, ["a[].b"]) == ["a[].b"]


def test_home_page_names_the_site_its_search_and_its_publisher(get, site):
    home = site.root_page.specific
    for slug, role in (
        ("pedoman", StandingRole.STANDARDS),
        ("koreksi-kami", StandingRole.CORRECTIONS),
    ):
        publish(home, StandingPage(title=slug, slug=slug, role=role))
    found = assert_complete(get("/").content.decode(), "WebSite", "NewsMediaOrganization")
    action = found["WebSite"][0]["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template.endswith("/cari/?q={search_term_string}")
    assert action["query-input"] == "required name=search_term_string"
    path = "/" + template.split("://", 1)[1].split("/", 1)[1]
    assert get(path.replace("{search_term_string}", "banjir")).status_code == 200
    organisation = found["NewsMediaOrganization"][0]
    assert organisation["publishingPrinciples"].endswith("/pedoman/")
    assert organisation["correctionsPolicy"].endswith("/koreksi-kami/")
    assert "ownershipFundingInfo" not in organisation  # the site has no such page


def test_the_logo_is_a_512_px_png(get):
    response = get("/logo.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (512, 512)


def test_article_has_a_complete_news_article_and_breadcrumbs(get, section, author):
    article = make_article(section, authors=[author], lead_image=make_image())
    found = assert_complete(get(article.url).content.decode(), "NewsArticle", "BreadcrumbList")
    assert found["NewsArticle"][0]["publisher"]["logo"]["url"].endswith("/logo.png")
    assert "WebSite" not in found  # the site-wide blocks stay on the home page


def test_live_coverage_has_a_complete_live_blog_posting(get, site):
    topic = make_topic(site)
    coverage = make_coverage(topic)
    make_update(coverage, headline="Air mulai surut")
    make_update(coverage)  # no headline: the page's title stands in
    assert_complete(get(topic.url).content.decode(), "LiveBlogPosting")


def test_video_in_an_article_has_a_complete_video_object(get, section, tmp_path):
    video = make_video(make_clip(tmp_path / "klip.mp4", seconds=1, size="320x240"))
    queue_transcode(video)
    video.refresh_from_db()
    assert video.state == video.State.READY, video.failure_reason
    article = make_article(section, body=[("video", {"video": video, "caption": "Banjir"})])
    assert_complete(get(article.url).content.decode(), "VideoObject")
