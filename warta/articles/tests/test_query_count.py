"""An uncached article costs a fixed number of queries, whatever its body holds."""

import io
import itertools

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

from warta.articles.factories import make_article
from warta.images.models import WartaImage

pytestmark = pytest.mark.django_db

_embeds = itertools.count()


def make_image(n):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (n * 20 % 255, 80, 120)).save(buffer, "JPEG")
    return WartaImage.objects.create(
        title=f"Foto {n}", credit="Redaksi", file=ImageFile(buffer, name=f"foto{n}.jpg")
    )


def make_embed(n):
    url = f"https://video.example/watch/{next(_embeds)}"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=f"<iframe src='{url}'></iframe>",
        provider_name="Video",
        max_width=None,
    )
    return url


def body(size, related):
    """`size` blocks cycling through every block type, those that load rows first.

    Three blocks are then an image, an embed and a related read: each block type
    that touches the database appears in both the short and the long body.
    """
    kinds = [
        lambda n: ("image", {"image": make_image(n), "caption": "", "credit": ""}),
        lambda n: ("embed", {"embed": make_embed(n), "caption": ""}),
        lambda n: ("related", {"page": related}),
        lambda n: ("paragraph", RichText(f"<p>Paragraf {n}.</p>")),
        lambda n: ("heading", {"text": f"Subjudul {n}", "level": "h2"}),
        lambda n: ("quote", {"quote": f"Kutipan {n}", "attribution": "Narasumber"}),
    ]
    return [kinds[n % len(kinds)](n) for n in range(size)]


def queries_for(get, article):
    get(article.url)  # renditions are made on the first view; count a later one
    with CaptureQueriesContext(connection) as captured:
        response = get(article.url)
    assert response.status_code == 200
    return len(captured)


def test_query_count_is_the_same_for_3_and_60_blocks(get, section, author):
    related = make_article(section, title="Bacaan terkait")
    short = make_article(section, authors=[author], body=body(3, related))
    long = make_article(section, authors=[author], body=body(60, related))
    short_count = queries_for(get, short)
    assert queries_for(get, long) == short_count
    # 12 today on a warm cache (28 before core/pagecache.py; one is the site-wide
    # change time behind Last-Modified, core/freshness.py): the page by id, a related
    # block's page, related reads, sources, notes, replies, live coverage, renditions…
    # Site, settings, routing, view restrictions, navigation and the byline (authors,
    # tags, topics) come from the cache.
    assert short_count <= 12


def test_long_body_really_renders_every_block(get, section):
    related = make_article(section, title="Bacaan terkait")
    html = get(make_article(section, body=body(60, related)).url).content.decode()
    assert html.count('class="figure"') == 10
    assert html.count("related-read") == 10
    assert html.count("video.example/watch/") == 10
