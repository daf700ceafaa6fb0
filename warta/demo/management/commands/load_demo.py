"""Load the demo publications; safe to run again (nothing is duplicated)."""

import io
import logging
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from warta.articles.models import (
    ArticleAuthor,
    ArticlePage,
    HomePage,
    SectionPage,
    TopicIndexPage,
    TopicPage,
    VideoIndexPage,
)
from warta.core.models import SiteSettings
from warta.demo import content, trust_content
from warta.demo.factcheck_content import load_factcheck_demo
from warta.demo.standing_content import load_standing_pages
from warta.discovery.related import compute_all as compute_related_reads
from warta.images.models import WartaImage
from warta.live import services as live
from warta.live.models import LiveCoverage, LiveUpdate
from warta.maps.models import MapPage
from warta.people.models import AuthorIndexPage, AuthorPage
from warta.video.factories import make_demo_video


class Command(BaseCommand):
    help = "Create the demo sites (BALICITIZEN, PosPapusa), their stories and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=80, help="Port the demo server listens on (for links)."
        )

    def handle(self, *args, port, **options):
        # Wagtail logs every page action at INFO; the demo's own summary is enough.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        created = 0
        with transaction.atomic():
            self.remove_wagtail_welcome_site()
            for spec in content.SITES:
                created += self.load_site(spec, port)
            created += load_factcheck_demo()
            self.load_users()
            trust_content.load_trust()
            compute_related_reads(ArticlePage.objects.live().public())
        self.stdout.write(f"Demo content ready ({created} new pages).")

    def log(self, message):
        self.stderr.write(message)

    def remove_wagtail_welcome_site(self):
        """Wagtail's install makes a placeholder site and page; the demo replaces them."""
        for site in Site.objects.filter(root_page__content_type__model="page"):
            welcome = site.root_page
            site.delete()
            if not welcome.get_children().exists():
                welcome.delete()

    def child(self, parent, model, slug, **fields):
        """The live child `slug` of `parent`, created and published if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing, False
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True

    def load_site(self, spec, port):
        root = Page.get_first_root_node()
        home, new_home = self.child(root, HomePage, spec["slug"], title=spec["name"])
        site, _ = Site.objects.update_or_create(
            hostname=spec["hostname"],
            defaults={
                "port": port,
                "site_name": spec["name"],
                "root_page": home,
                "is_default_site": spec["default"],
            },
        )
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "tagline": spec["tagline"],
                "logo_text": spec["name"],
                "time_zone": spec["time_zone"],
                "language": "id",
            },
        )
        created = int(new_home)
        sections = {}
        for slug, title, description in spec["sections"]:
            sections[slug], new = self.child(
                home, SectionPage, slug, title=title, description=description
            )
            created += new
        topic_index, new = self.child(home, TopicIndexPage, "topik", title="Topik")
        created += new
        topics = {}
        for slug, title, summary in spec["topics"]:
            topics[slug], new = self.child(
                topic_index, TopicPage, slug, title=title, summary=summary
            )
            created += new
        self.load_live_coverage(spec, topics)
        author_index, new = self.child(home, AuthorIndexPage, "penulis", title="Penulis")
        created += new
        authors = {}
        for slug, name, role, bio in spec["authors"]:
            authors[slug], new = self.child(
                author_index, AuthorPage, slug, title=name, role=role, bio=bio
            )
            created += new
        _, new = self.child(
            home,
            MapPage,
            "peta",
            title="Peta",
            intro="Di mana berita kami terjadi: liputan terbaru di peta.",
        )
        created += new
        _, new = self.child(
            home,
            VideoIndexPage,
            "video",
            title="Video",
            intro="Cuplikan video eksklusif dari lapangan.",
        )
        created += new
        created += load_standing_pages(home, spec["name"], spec["hostname"])
        articles = {}
        for article in spec["articles"]:
            articles[article["slug"]], new = self.load_article(
                article, sections, topics, authors, articles
            )
            created += new
        self.log(f"{spec['name']}: http://{spec['hostname']}:{port}/")
        return created

    def load_article(self, spec, sections, topics, authors, articles):
        section = sections[spec["section"]]
        existing = ArticlePage.objects.child_of(section).filter(slug=spec["slug"]).first()
        if existing:
            return existing, False
        body = [("paragraph", RichText(f"<p>{text}</p>")) for text in spec["paragraphs"]]
        if "related" in spec:
            body.append(("related", {"page": articles[spec["related"]]}))
        lead_image = None
        if "image" in spec:
            lead_image = self.image(*spec["image"])
            body.insert(1, ("image", {"image": lead_image, "caption": "", "credit": ""}))
        if "video" in spec:
            body.append(("video", {"video": make_demo_video(*spec["video"]), "caption": ""}))
        if "published" in spec:
            published = datetime.fromisoformat(spec["published"])
        else:
            published = timezone.now() - timedelta(hours=spec["hours_ago"])
        page = ArticlePage(
            slug=spec["slug"],
            title=spec["title"],
            kicker=spec["kicker"],
            standfirst=spec["standfirst"],
            dateline=spec["dateline"],
            story_type=spec["story_type"],
            published_at=published,
            lead_image=lead_image,
            body=body,
        )
        if spec["slug"] in content.PLACES:
            name, latitude, longitude, regency, province, approximate = content.PLACES[spec["slug"]]
            page.place_name, page.place_regency, page.place_province = name, regency, province
            page.place_latitude, page.place_longitude = latitude, longitude
            page.place_approximate = approximate
        page.article_authors = [ArticleAuthor(author=authors[slug]) for slug in spec["authors"]]
        page.topics = [topics[slug] for slug in spec["topics"]]
        page.tags.add(*spec["tags"])
        section.add_child(instance=page)
        page.save_revision().publish()
        # Demo stories keep their own dates, as imported stories would.
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
        return page, True

    def image(self, slug, title, credit):
        """A generated placeholder photo: the demo ships no binary files."""
        existing = WartaImage.objects.filter(title=title).first()
        if existing:
            return existing
        picture = Image.new("RGB", (1600, 1000))
        draw = ImageDraw.Draw(picture)
        for y in range(1000):
            shade = int(60 + 140 * y / 1000)
            draw.line([(0, y), (1600, y)], fill=(20, shade, 120 + shade // 3))
        draw.rectangle([0, 700, 1600, 1000], fill=(214, 190, 140))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        return WartaImage.objects.create(
            title=title,
            description=title,
            credit=credit,
            caption=title + ".",
            source="Demo",
            file=ImageFile(buffer, name=f"{slug}.jpg"),
        )

    def load_live_coverage(self, spec, topics):
        """A live coverage with a few updates, once: later runs leave it as editors left it."""
        for site_slug, topic_slug, updates in content.LIVE_COVERAGES:
            if site_slug != spec["slug"]:
                continue
            page = topics[topic_slug]
            if LiveCoverage.objects.filter(page=page).exists():
                continue
            coverage = live.start(page, started_at=timezone.now() - timedelta(hours=4))
            for minutes, headline, text, pinned, key_event, place in updates:
                latitude, longitude, regency, province = content.LIVE_PLACES[place]
                live.post(
                    LiveUpdate(
                        coverage=coverage,
                        time=timezone.now() - timedelta(minutes=minutes),
                        headline=headline,
                        body=[("text", RichText(f"<p>{text}</p>"))],
                        pinned=pinned,
                        key_event=key_event,
                        place_name=place,
                        place_latitude=latitude,
                        place_longitude=longitude,
                        place_regency=regency,
                        place_province=province,
                    )
                )

    def load_users(self):
        users = get_user_model()
        for username, group in content.DEMO_USERS:
            user, created = users.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.org",
                    "is_superuser": group is None,
                    "is_staff": group is None,
                },
            )
            if created:
                user.set_password(content.DEMO_PASSWORD)
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
