"""A site's front page: lead story, sections in the editor's order, video row, map teaser, topics.

The "Langsung" strip is the live app's (live/tests/test_front_door.py).
"""

import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from warta.articles.factories import make_article, make_section, make_site, publish
from warta.articles.models import (
    ArticlePage,
    HomeSection,
    TopicIndexPage,
    TopicPage,
    VideoIndexPage,
)
from warta.images.models import WartaImage
from warta.video.models import Video

pytestmark = pytest.mark.django_db


def make_image(n=0, size=(1200, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (n * 20 % 255, 80, 120)).save(buffer, "JPEG")
    return WartaImage.objects.create(
        title=f"Foto {n}", credit="Redaksi", file=ImageFile(buffer, name=f"foto{n}.jpg")
    )


def make_ready_video(n=0):
    """A transcoded video as the pipeline leaves it (the outputs' names; no files needed)."""
    return Video.objects.create(
        title=f"Klip {n}",
        credit="Redaksi",
        source=f"video/klip{n}.mp4",
        state=Video.State.READY,
        output_prefix=f"video/out/{n}",
        playlist_name="master.m3u8",
        has_fallback=True,
        width=640,
        height=360,
    )


def video_body(video):
    return [("video", {"video": video, "caption": ""})]


def lead_of(html):
    return html.split('<article class="lead-story">', 1)[1].split("</article>", 1)[0]


NOW = timezone.now().replace(microsecond=0)


def banded_image():
    """1200×800, red in the top 100 rows and blue below: a centred 16:9 crop shows red."""
    picture = Image.new("RGB", (1200, 800), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 1200, 100))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return WartaImage.objects.create(
        title="Pita", credit="Redaksi", file=ImageFile(buffer, name="pita.png")
    )


def test_lead_is_the_newest_story_with_its_focal_point_crop_and_not_repeated(get, site, section):
    image = banded_image()
    # The focal point low in the photo: the crop keeps the bottom, the red band goes.
    image.focal_point_x, image.focal_point_y = 600, 740
    image.focal_point_width = image.focal_point_height = 60
    image.save()
    make_article(section, title="Kemarin", published_at=NOW - timedelta(days=1))
    make_article(
        section, title="Terbaru", lead_image=image, published_at=NOW, standfirst="Ringkas."
    )
    html = get("/").content.decode()
    lead = lead_of(html)
    assert "Terbaru" in lead and "Ringkas." in lead and html.count(">Terbaru</a>") == 1
    # A <picture> of 16:9 crops ("fill" honours the focal point), eager: it is the first screen.
    assert "<picture>" in lead and 'fetchpriority="high"' in lead and 'loading="eager"' in lead
    assert re.search(r"\.fill-400x225[^ ]*\.avif 400w", lead)
    assert re.search(r"\.fill-800x450[^ ]*\.webp 800w", lead)
    rendition = image.get_rendition("fill-400x225|format-jpeg")
    assert (rendition.width, rendition.height) == (400, 225)
    with rendition.file.open() as handle:
        top = Image.open(handle).convert("RGB").getpixel((200, 5))
    assert top[2] > 150 and top[0] < 80, top  # blue: cropped around the focal point
    centred = banded_image().get_rendition("fill-400x225|format-jpeg")
    with centred.file.open() as handle:
        assert Image.open(handle).convert("RGB").getpixel((200, 5))[0] > 200  # red


def test_an_editor_pins_the_lead_and_orders_the_sections(get, site, section):
    home = site.root_page.specific
    other = make_section(site, "Lingkungan", "lingkungan")
    older = make_article(section, title="Berita lama", published_at=NOW - timedelta(days=3))
    make_article(section, title="Berita baru", published_at=NOW)
    make_article(other, title="Pantai bersih", published_at=NOW - timedelta(days=1))
    html = get("/").content.decode()
    assert "Berita baru" in lead_of(html)
    assert html.index('href="/internasional/">Internasional') < html.index(
        'href="/lingkungan/">Lingkungan'
    )
    home.lead_story = older
    home.section_order = [HomeSection(section=other, sort_order=0)]
    home.full_clean()
    home.save_revision().publish()
    html = get("/").content.decode()
    assert "Berita lama" in lead_of(html)
    main = html.split('<main id="main"', 1)[1]
    assert main.index('href="/lingkungan/">Lingkungan') < main.index(
        'href="/internasional/">Internasional'
    )
    # A pinned story that is no longer live gives way to the automatic choice.
    older.unpublish()
    assert "Berita baru" in lead_of(get("/").content.decode())


def test_a_story_of_another_site_cannot_lead(site, section):
    other_site = make_site("PosPapusa", "pospapusa.localhost", default=False)
    foreign = make_article(make_section(other_site, "Papua", "papua"), title="Di Papua")
    home = site.root_page.specific
    home.lead_story = foreign
    with pytest.raises(ValidationError) as raised:
        home.full_clean()
    assert "lead_story" in raised.value.message_dict
    home.lead_story = None
    home.section_order = [HomeSection(section=foreign.get_parent().specific)]
    with pytest.raises(ValidationError):
        home.full_clean()


def test_video_row_shows_posters_only_and_the_video_index_lists_them(get, site, section):
    home = site.root_page.specific
    publish(home, VideoIndexPage(title="Video", slug="video"))
    for n in range(VideoIndexPage.paginate_by + 1):
        make_article(
            section,
            title=f"Video {n:02}",
            body=video_body(make_ready_video(n)),
            published_at=NOW - timedelta(hours=n),
        )
    unready = Video.objects.create(title="Belum", credit="R", source="video/belum.mp4")
    make_article(section, title="Masih diproses", body=video_body(unready))
    html = get("/").content.decode()
    row = html.split('<section class="video-row"', 1)[1].split("</section>", 1)[0]
    assert row.count('<article class="video-card">') == 4
    assert 'src="/media/video/out/1/poster.jpg"' in row and 'loading="lazy"' in row
    assert '<a href="/video/">Video</a>' in row
    # Nothing of a player before play: no <video>, no player script, no playlist.
    assert "<video" not in html and "player.js" not in html and "m3u8" not in html
    assert "Masih diproses" not in row
    nav = html.split('<nav class="sections"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/video/">Video</a>' in nav
    index = get("/video/").content.decode()
    assert index.count('<article class="video-card">') == VideoIndexPage.paginate_by
    assert "Video 00" in index and "Masih diproses" not in index
    assert "Video 12" in get("/video/?page=2").content.decode()
    assert get("/video/?page=9").status_code == 404


def test_first_video_follows_the_body(section):
    first, second = make_ready_video(1), make_ready_video(2)
    article = make_article(section, body=video_body(first) + video_body(second))
    assert article.first_video_id == first.pk
    first.delete()
    article.refresh_from_db()
    assert article.first_video_id is None
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).first_video_id == second.pk


def test_map_teaser_draws_the_last_week_as_dots_without_a_map_library(get, site, section, map_page):
    make_article(section, title="Tanpa tempat")
    assert 'class="map-teaser"' not in get("/").content.decode()
    for n, (lat, lon) in enumerate([(-8.72, 115.17), (-8.65, 115.22), (-8.34, 115.09)]):
        make_article(
            section,
            title=f"Di Bali {n}",
            published_at=NOW - timedelta(days=n),
            place_name="Bali",
            place_latitude=lat,
            place_longitude=lon,
        )
    make_article(
        section,
        title="Lama",
        published_at=NOW - timedelta(days=30),
        place_name="Bali",
        place_latitude=-8.1,
        place_longitude=115.0,
    )
    html = get("/").content.decode()
    teaser = html.split('<section class="map-teaser"', 1)[1].split("</section>", 1)[0]
    assert teaser.count("<circle ") == 3  # the last 7 days only
    assert '<a class="map-teaser__link" href="/peta/">' in teaser
    land = re.search(r'<path class="map-teaser__land" d="([^"]*)"', teaser).group(1)
    assert land.startswith("M") and land.count("L") > 10  # Bali's outline is drawn
    assert "leaflet" not in html.lower() and "style=" not in teaser


def test_topics_in_the_news_are_the_ones_with_the_latest_stories(get, site, section):
    home = site.root_page.specific
    index = publish(home, TopicIndexPage(title="Topik", slug="topik"))
    old = publish(index, TopicPage(title="Topik lama", slug="lama"))
    new = publish(index, TopicPage(title="Topik hangat", slug="hangat"))
    publish(index, TopicPage(title="Topik kosong", slug="kosong"))
    make_article(section, published_at=NOW - timedelta(days=9), topics=[old])
    make_article(section, published_at=NOW, topics=[new])
    html = get("/").content.decode()
    topics = html.split('<section class="topics-in-news"', 1)[1].split("</section>", 1)[0]
    assert topics.index("Topik hangat") < topics.index("Topik lama")
    assert "Topik kosong" not in topics and 'href="/topik/hangat/"' in topics


def quick_articles(sections, count, start, images):
    """`count` live articles added straight to the tree (no revision): the archive's bulk."""
    for n in range(start, start + count):
        sections[n % 3].add_child(
            instance=ArticlePage(
                title=f"Berita {n}",
                slug=f"berita-{n}",
                body=[],
                live=True,
                lead_image=images[n % len(images)] if n % 2 else None,
                published_at=NOW - timedelta(days=30, minutes=n),
            )
        )


def home_queries(get):
    get("/")  # renditions are made on the first view (or at publish); count a later one
    with CaptureQueriesContext(connection) as captured:
        response = get("/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_home_page_costs_the_same_queries_for_10_50_and_1000_articles(get, site, map_page):
    home = site.root_page.specific
    sections = [make_section(site, f"Rubrik {n}", f"rubrik-{n}") for n in range(3)]
    index = publish(home, TopicIndexPage(title="Topik", slug="topik"))
    topic = publish(index, TopicPage(title="Topik", slug="satu"))
    publish(home, VideoIndexPage(title="Video", slug="video"))
    images = [make_image(n, size=(640, 400)) for n in range(3)]
    for n in range(10):
        make_article(
            sections[n % 3],
            title=f"Terbit {n}",
            lead_image=images[n % 3] if n % 2 else None,
            published_at=NOW - timedelta(minutes=n),
            place_name="Kuta" if n % 3 else "",
            place_latitude=-8.7 if n % 3 else None,
            place_longitude=115.1 if n % 3 else None,
            topics=[topic] if n % 4 == 0 else [],
            body=video_body(make_ready_video(n)) if n % 5 == 0 else None,
        )
    counts, pages = [], []
    for count, start in ((0, 10), (40, 10), (950, 50)):
        quick_articles(sections, count, start, images)
        queries, html = home_queries(get)
        counts.append(queries)
        pages.append(html)
    for html in pages:
        assert 'class="lead-story"' in html and 'class="card-image"' in html
        assert 'class="video-card"' in html and "<circle " in html and "Topik" in html
    # Four a section, the lead left out: nine of the first ten, then twelve.
    assert [html.count('<article class="card">') for html in pages] == [9, 12, 12]
    assert counts[0] == counts[1] == counts[2], counts
    assert counts[0] <= 26, counts


def test_editors_see_the_lead_and_section_order_panels(admin_client, site, section):
    home = site.root_page
    response = admin_client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="lead_story"' in html
    assert "Urutan rubrik" in html and 'id="id_section_order-TOTAL_FORMS"' in html
