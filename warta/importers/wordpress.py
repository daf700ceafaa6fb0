"""A WordPress export, imported into one site: authors, sections, photos, stories, old URLs.

The one write path of an import (the command and any other caller use
`WordPressImport`). It reads the export three times, streaming each time
(`warta.importers.wxr`), so memory does not grow with the file:

1. check the whole file and collect what is small (authors, categories, the
   attachments' parents and URLs) — a bad or hostile file is refused here,
   before anything is written;
2. attachments → WartaImages;
3. posts → ArticlePages, pages → StandingPages, with their old URLs as 301s.

Items are written in transactions of `BATCH_SIZE`, each item in its own
savepoint: an item that fails (a bad value, a missing file) is left out
whole and reported, the others of its batch are kept; a crash loses at most
the open batch, and running the import again resumes, because every item
is found again through `ImportedObject` and skipped when the digest of what
it was made from has not changed (no new revision, no new redirect). A dry
run does everything in one transaction and rolls it back, and fetches or
stores no media.
"""

import hashlib
import io
import json
import mimetypes
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail.signals import page_published

from warta.articles.models import ArticleAuthor, ArticlePage, SectionPage, StandingPage
from warta.core.fetch import FetchRefused, fetch
from warta.images.models import WartaImage
from warta.importers.content import convert, text_of
from warta.importers.indexing import indexed_once
from warta.importers.models import ImportedObject
from warta.importers.wxr import Author, Item, Term, php_meta_string, read_wxr
from warta.importers.wxr import Site as ExportSite
from warta.people.models import AuthorIndexPage, AuthorPage, User

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
PILLOW_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "AVIF"}
IMPORTED_TYPES = {"post", "page", "attachment"}
CREDIT_KEYS = ("_media_credit", "media_credit", "_credit", "credit")
Kind = ImportedObject.Kind
# Items written per transaction (each in its own savepoint).
BATCH_SIZE = 100


class ImportSettingsError(ValueError):
    """A setting of the import is wrong (not the file); the message says which."""


@dataclass
class Report:
    source: str = ""
    counts: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)  # (item, message)

    def warn(self, item, message):
        self.warnings.append((item, message))


def _label(item):
    return f"{item.post_type} {item.post_id} “{item.title[:60]}”"


def _digest(*parts):
    return hashlib.sha256(
        json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _old_path(url):
    parts = urlsplit(url)
    path = parts.path or "/"
    return Redirect.normalise_path(path + (f"?{parts.query}" if parts.query else ""))


class WordPressImport:
    def __init__(
        self,
        export,
        site,
        *,
        media_dir=None,
        media_hosts=(),
        section_map=None,
        default_section="berita",
        create_users=False,
        dry_run=False,
        progress=None,
    ):
        # A path, or a callable opening the export (a file in storage) for reading.
        self.open_export = export if callable(export) else Path(export).open
        self.site = site
        self.home = site.root_page.specific
        self.media_dir = Path(media_dir) if media_dir else None
        self.media_hosts = {host.lower() for host in media_hosts}
        self.section_map = section_map or {}
        self.default_section = default_section
        self.create_users = create_users
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = Report()
        self.authors = {}  # login → Author
        self.categories = {}  # slug → Term
        self.attachment_urls = {}  # URL → attachment ID
        self.attachments_of = defaultdict(list)  # post ID → [(attachment ID, link)]
        self.sections = {}  # section slug → SectionPage
        self.author_pages = {}  # login → AuthorPage
        self.tags_by_name = {}  # name → Tag, once a post has used it
        self.total = 0
        self.done = 0

    # The three passes ----------------------------------------------------------

    def records(self):
        with self.open_export("rb") as export:
            yield from read_wxr(export)

    def run(self):
        self.survey()
        self.check_section_map()
        if self.dry_run:
            with transaction.atomic():
                self.write()
                transaction.set_rollback(True)
        else:
            self.write()
        return self.report

    def survey(self):
        """Pass 1: read everything once (a bad file stops here), keep what is small."""
        counts = self.report.counts
        for record in self.records():
            if isinstance(record, ExportSite):
                self.report.source = (
                    f"{record.title} ({record.base_site_url}, WXR {record.wxr_version})"
                )
            elif isinstance(record, Author):
                self.authors[record.login] = record
            elif isinstance(record, Term) and record.kind == "category":
                self.categories[record.slug] = record
            elif isinstance(record, Item):
                if record.post_type not in IMPORTED_TYPES:
                    counts[f"skipped {record.post_type}"] += 1
                    continue
                self.total += 1
                counts["comments ignored"] += record.comments
                if record.post_type == "attachment":
                    self.attachment_urls[record.attachment_url] = record.post_id
                    if record.parent_id:
                        self.attachments_of[record.parent_id].append((record.post_id, record.link))

    def check_section_map(self):
        for category, section in self.section_map.items():
            if category not in self.categories:
                raise ImportSettingsError(
                    f"The section map names category “{category}”, not in the export."
                )
            found = SectionPage.objects.child_of(self.home).filter(slug=section).first()
            if found is None:
                raise ImportSettingsError(
                    f"The section map names section “{section}”, not on this site."
                )
            self.sections[section] = found

    def write(self):
        for kinds in (("attachment",), ("post", "page")):
            items = (r for r in self.records() if isinstance(r, Item) and r.post_type in kinds)
            while batch := list(islice(items, BATCH_SIZE)):
                with transaction.atomic(), indexed_once():
                    for item in batch:
                        self.write_item(item)

    def write_item(self, item):
        try:
            with transaction.atomic():  # a savepoint: a failed item leaves the batch whole
                self.import_item(item)
        except (ValueError, OSError) as error:
            self.report.counts["failed"] += 1
            self.report.warn(_label(item), f"not imported: {error}")
        self.done += 1
        self.progress(self.done, self.total)

    def import_item(self, item):
        if item.post_type == "attachment":
            self.import_attachment(item)
        else:
            self.import_story(item)

    # Photos -------------------------------------------------------------------

    def import_attachment(self, item):
        counts = self.report.counts
        mime = mimetypes.guess_type(item.attachment_url or item.meta.get("_wp_attached_file", ""))[
            0
        ]
        if mime not in IMAGE_TYPES:
            counts["attachments skipped (not images)"] += 1
            self.report.warn(_label(item), f"not an image ({mime or 'unknown type'}); skipped")
            return
        record = self.imported(Kind.ATTACHMENT, item)
        metadata = item.meta.get("_wp_attachment_metadata", "")
        fields = {
            "title": (item.title or Path(item.attachment_url).name)[:255],
            "caption": item.excerpt or php_meta_string(metadata, "caption"),
            "description": item.meta.get("_wp_attachment_image_alt", "")[:255],
            "credit": next(
                (item.meta[key] for key in CREDIT_KEYS if item.meta.get(key)),
                php_meta_string(metadata, "credit") or php_meta_string(metadata, "copyright"),
            )[:255],
            "source": self.site.site_name[:255],
        }
        digest = _digest(fields, item.attachment_url, item.meta.get("_wp_attached_file"))
        if record.image_id and record.digest == digest:
            counts["images unchanged"] += 1
            return
        if self.dry_run:
            counts["images to import"] += 1
            return
        image = record.image
        if image is None:
            data = self.media(item)
            if data is None:
                counts["images missing"] += 1
                return
            image = WartaImage(**fields)
            image.file = ImageFile(
                io.BytesIO(data), name=Path(urlsplit(item.attachment_url).path).name
            )
            image.save()
            counts["images imported"] += 1
        else:
            for name, value in fields.items():
                setattr(image, name, value)
            image.save()
            counts["images updated"] += 1
        record.image, record.digest = image, digest
        record.save()

    def media(self, item):
        """The attachment's bytes: from the media folder, else from an allowed host."""
        relative = item.meta.get("_wp_attached_file") or ""
        url_path = urlsplit(item.attachment_url).path
        if "/wp-content/uploads/" in url_path:
            relative = relative or url_path.split("/wp-content/uploads/", 1)[1]
        max_bytes = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        data = None
        if self.media_dir and relative:
            candidate = (self.media_dir / relative).resolve()
            if candidate.is_relative_to(self.media_dir.resolve()) and candidate.is_file():
                if candidate.stat().st_size > max_bytes:
                    self.report.warn(_label(item), "the file is too large; skipped")
                    return None
                data = candidate.read_bytes()
        if data is None and urlsplit(item.attachment_url).hostname in self.media_hosts:
            try:
                data = fetch(
                    item.attachment_url,
                    allowed_hosts=self.media_hosts,
                    max_bytes=max_bytes,
                    content_types=IMAGE_TYPES,
                ).body
            except FetchRefused as refused:
                self.report.warn(_label(item), str(refused))
                return None
        if data is None:
            self.report.warn(_label(item), f"no file for it in the media folder ({relative})")
            return None
        return data if self.is_image(item, data) else None

    def is_image(self, item, data):
        """Checked by content, as uploads are: a real image of a format we serve."""
        try:
            with PILImage.open(io.BytesIO(data)) as opened:
                kind = opened.format
                too_big = opened.width * opened.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
                opened.verify()
        except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
            kind, too_big = None, False
        if kind not in PILLOW_FORMATS or too_big:
            self.report.warn(_label(item), "the file is not an image we accept; skipped")
            return False
        return True

    # Stories ------------------------------------------------------------------

    def import_story(self, item):
        counts = self.report.counts
        noun = "posts" if item.post_type == "post" else "pages"
        record = self.imported(Kind.POST if item.post_type == "post" else Kind.PAGE, item)
        converted = convert(item.content)
        for message in converted.warnings:
            self.report.warn(_label(item), message)
        images = self.images_for(converted.attachment_ids + [self.thumbnail_id(item)])
        parent, tags = self.placement(item)
        authors = (
            [self.author_page(item.author)] if item.post_type == "post" and item.author else []
        )
        authors = [a for a in authors if a is not None]
        body = self.body(item, converted.blocks, images)
        digest = _digest(
            item.title, item.slug, item.status, item.date_gmt, item.excerpt, body, parent.pk,
            sorted(tags), [a.pk for a in authors], images.get(self.thumbnail_id(item)),
        )  # fmt: skip
        page = record.page.specific if record.page_id else None
        if page is not None and record.digest == digest:
            counts[f"{noun} unchanged"] += 1
            return
        fields = {
            "title": item.title[:255] or f"WordPress {item.post_id}",
            "body": self.stream(body),
        }
        if item.post_type == "post":
            fields.update(
                standfirst=text_of(item.excerpt)[:600],
                published_at=item.date_gmt,
                lead_image_id=images.get(self.thumbnail_id(item)),
            )
        created = page is None
        if created:
            model = ArticlePage if item.post_type == "post" else StandingPage
            page = model(slug=self.free_slug(parent, item), live=False, **fields)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        if item.post_type == "post":
            page.article_authors = [ArticleAuthor(author=author) for author in authors]
            page.tags.set([self.tags_by_name.get(name, name) for name in tags])
            self.tags_by_name.update((i.tag.name, i.tag) for i in page.tagged_items.all())
        if created and item.status == "publish":
            self.publish_new(parent, page, item.date_gmt)
        else:
            if created:
                parent.add_child(instance=page)
            elif page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child")
                page.refresh_from_db(fields=["path", "url_path"])
            self.save_revision(page, item, created)
        counts[f"{noun} {'created' if created else 'updated'}"] += 1
        if item.status not in ("publish", "future"):
            counts["drafts"] += 1
        elif item.status == "future":
            counts["scheduled"] += 1
        record.page, record.digest = page, digest
        record.old_paths = self.redirect(page, item, record.old_paths)
        record.save()

    @staticmethod
    def publish_new(parent, page, published_at):
        """A new page, live at once: what add_child, save_revision and publish do, in fewer queries.

        The page is saved once, already live, as the last child of `parent`
        (the parent row locked, its path and child count kept, as treebeard's
        add_child does), with its one revision and its "wagtail.create" and
        "wagtail.publish" log entries; `page_published` is sent as Wagtail's
        publish sends it, published "now"; then, as for any imported post, the
        dates become those of the old site (stored so at once, in memory after
        the signal: a first publication is no "old edit"). Validated as Wagtail validates a
        live page, less the lookups the database checks again on insert
        (foreign keys, unique columns); the slug is checked under its parent.
        Left out is what does not apply to a page nobody has seen yet: other
        revisions to unschedule, a workflow to cancel, comments, aliases, a
        rename to log. Everything else — a draft, a scheduled post, an update —
        goes through Wagtail's own add_child, save_revision and publish.
        """
        now = timezone.now()
        page.live, page.has_unpublished_changes, page.expired = True, False, False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        locked = Page.objects.select_for_update().only("path", "depth", "numchild", "locale")
        locked = locked.get(pk=parent.pk)
        page.depth = locked.depth + 1
        if locked.numchild:
            page.path = locked.get_last_child()._inc_path()
        else:
            page.path = Page._get_path(locked.path, page.depth, 1)
        page._cached_parent_obj = parent  # set_url_path without fetching it again
        page._is_site_root = False  # no Site can point at a page not saved yet
        page.locale_id = page.locale_id or locked.locale_id  # a child page's default locale
        page._set_core_field_defaults()
        page.clean_fields(exclude=[f.name for f in page._meta.concrete_fields if f.is_relation])
        page.clean()
        page.save(clean=False, log_action=None)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild = locked.numchild + 1
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        # Stored with the old site's dates at once; the signal below still sees "now".
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
            first_published_at=published_at or now,
            last_published_at=published_at or now,
        )
        context = get_active_log_context()
        entry = {
            "page": page,
            "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
            "label": page.get_admin_display_title(),
            "user": context.user,
            "uuid": context.uuid,
            "content_changed": True,
            "data": {},
        }
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(action="wagtail.create", timestamp=now, **entry),
                PageLogEntry(
                    action="wagtail.publish", timestamp=timezone.now(), revision=revision, **entry
                ),
            ]
        )
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
        # Readers and feeds see when it was first published on the old site.
        page.first_published_at = page.last_published_at = published_at or now

    def save_revision(self, page, item, created):
        if item.status == "future" and item.date_gmt:
            page.go_live_at = item.date_gmt
        publishing = item.status in ("publish", "future")
        # A new page was validated by add_child just before; publishing logs the change itself.
        revision = page.save_revision(log_action=not publishing, clean=not created)
        if publishing:
            # A future go_live_at makes this a scheduled publication, as in the editor.
            revision.publish()
            if created and item.status == "publish" and item.date_gmt:
                # Readers and feeds see when it was first published on the old site.
                type(page).objects.filter(pk=page.pk).update(
                    first_published_at=item.date_gmt, last_published_at=item.date_gmt
                )
        elif page.live:
            page.unpublish()
        if item.status not in ("publish", "future", "draft", "pending"):
            self.report.warn(_label(item), f"status “{item.status}” imported as a draft")

    def imported(self, kind, item):
        record, _ = ImportedObject.objects.get_or_create(
            site=self.site, kind=kind, key=str(item.post_id), defaults={"guid": item.guid}
        )
        return record

    @staticmethod
    def thumbnail_id(item):
        value = item.meta.get("_thumbnail_id", "")
        return int(value) if value.isascii() and value.isdigit() else 0

    def images_for(self, attachment_ids):
        ids = {str(i) for i in attachment_ids if i}
        return {
            int(key): image
            for key, image in ImportedObject.objects.filter(
                site=self.site, kind=Kind.ATTACHMENT, key__in=ids, image__isnull=False
            ).values_list("key", "image")
        }

    def body(self, item, blocks, images):
        """The converted blocks with attachments resolved; missing photos are reported."""
        body = []
        for kind, value in blocks:
            if kind == "image":
                attachment = value["attachment_id"] or self.attachment_urls.get(value["src"], 0)
                image = images.get(attachment) or self.images_for([attachment]).get(attachment)
                if image is None:
                    self.report.warn(
                        _label(item), f"image {value['src'] or attachment} not imported; left out"
                    )
                    continue
                body.append(("image", {"image": image, "caption": value["caption"], "credit": ""}))
            elif kind == "gallery":
                found = [images[i] for i in value["attachment_ids"] if i in images]
                if len(found) < len(value["attachment_ids"]):
                    self.report.warn(_label(item), "a gallery lost photos that were not imported")
                if len(found) >= 2:
                    body.append(
                        ("gallery", {"images": [{"image": i, "caption": ""} for i in found]})
                    )
                elif found:
                    body.append(("image", {"image": found[0], "caption": "", "credit": ""}))
            else:
                body.append((kind, value))
        return body

    @staticmethod
    def stream(body):
        """Stream data for the page: image keys become images, paragraphs RichText."""
        wanted = [v["image"] for kind, v in body if kind == "image"]
        wanted += [i["image"] for kind, v in body if kind == "gallery" for i in v["images"]]
        images = WartaImage.objects.in_bulk(wanted)
        stream = []
        for kind, value in body:
            if kind == "paragraph":
                value = RichText(value)
            elif kind == "image":
                value = {**value, "image": images[value["image"]]}
            elif kind == "gallery":
                gallery = [{**i, "image": images[i["image"]]} for i in value["images"]]
                value = {"title": "", "images": gallery}
            stream.append((kind, value))
        return stream

    def free_slug(self, parent, item):
        slug = slugify(item.slug or item.title, allow_unicode=True)[:200] or f"wp-{item.post_id}"
        if parent.get_children().filter(slug=slug).exists():
            slug = f"{slug}-{item.post_id}"
        return slug

    # Where a story goes -------------------------------------------------------

    def placement(self, item):
        """The parent page, and the tags (post tags and the categories not used as its section)."""
        if item.post_type == "page":
            return self.home, []
        section, used = None, None
        for slug, _name in item.categories:
            chain = self.ancestry(slug)
            mapped = next((c for c in chain if c in self.section_map), None)
            if mapped:
                # A child category (Denpasar under Daerah) stays as a tag.
                section, used = self.sections[self.section_map[mapped]], mapped
                break
        if section is None and item.categories:
            top = self.ancestry(item.categories[0][0])[-1]
            section, used = self.section(top, self.categories.get(top)), top
        if section is None:
            section = self.section(self.default_section, None)
        tags = [name for slug, name in item.categories if slug != used and name]
        tags += [name for _slug, name in item.tags if name]
        return section, list(dict.fromkeys(tags))

    def ancestry(self, slug):
        chain = [slug]
        while (term := self.categories.get(chain[-1])) and term.parent and term.parent not in chain:
            chain.append(term.parent)
        return chain

    def section(self, slug, term):
        """The section of an unmapped top-level category: found by slug, else created."""
        if slug in self.sections:
            return self.sections[slug]
        section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if section is None:
            title = term.name if term else slug.replace("-", " ").title()
            section = SectionPage(title=title, slug=slugify(slug, allow_unicode=True) or "berita")
            self.home.add_child(instance=section)
            section.save_revision().publish()
            self.report.counts["sections created"] += 1
            self.report.warn(
                f"category {slug}", f"not in the section map: section “{title}” created"
            )
        self.sections[slug] = section
        return section

    def author_page(self, login):
        if login in self.author_pages:
            return self.author_pages[login]
        author = self.authors.get(login) or Author(login, "", login, "", "")
        record, _ = ImportedObject.objects.get_or_create(
            site=self.site, kind=Kind.AUTHOR, key=login
        )
        page = record.page.specific if record.page_id else None
        if page is None:
            index = AuthorIndexPage.objects.child_of(self.home).first()
            if index is None:
                index = AuthorIndexPage(title="Penulis", slug="penulis")
                self.home.add_child(instance=index)
                index.save_revision().publish()
            name = author.display_name or f"{author.first_name} {author.last_name}".strip() or login
            page = AuthorPage(title=name[:255], slug=self.author_slug(index, login))
            index.add_child(instance=page)
            page.save_revision().publish()
            record.page = page
            record.save()
            self.report.counts["authors created"] += 1
        if self.create_users and page.user_id is None:
            page.user = self.user(author)
            page.save(update_fields=["user"])
        self.author_pages[login] = page
        return page

    @staticmethod
    def author_slug(index, login):
        slug = slugify(login, allow_unicode=True) or "penulis"
        if index.get_children().filter(slug=slug).exists():
            slug = f"{slug}-wp"
        return slug

    def user(self, author):
        user, created = User.objects.get_or_create(
            username=author.login[:150],
            defaults={
                "email": author.email,
                "first_name": author.first_name[:150],
                "last_name": author.last_name[:150],
            },
        )
        if created:
            # They set a password through "forgot password"; the old hashes stay behind.
            user.set_unusable_password()
            user.save()
            self.report.counts["users created"] += 1
        return user

    # Old URLs -----------------------------------------------------------------

    def redirect(self, page, item, previous):
        """301s from the post's permalink, ?p=ID and its attachments' pages to the new page.

        Paths an earlier run redirected and this one does not (a changed
        permalink, a post back to draft) are removed.
        """
        paths = self.old_paths(page, item)
        stale = set(previous) - set(paths)
        Redirect.objects.filter(site=self.site, old_path__in=stale, redirect_page=page).delete()
        existing = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(site=self.site, old_path__in=paths)
        }
        wanted = {"redirect_page": page, "is_permanent": True, "redirect_link": ""}
        for redirect in existing.values():
            if any(getattr(redirect, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(redirect, name, value)
                redirect.save()
        Redirect.objects.bulk_create(
            Redirect(site=self.site, old_path=path, **wanted)
            for path in paths
            if path not in existing
        )
        self.report.counts["redirects"] += len(paths)
        return paths

    def old_paths(self, page, item):
        if item.status not in ("publish", "future"):
            return []
        paths = [_old_path(item.link)] if item.link else []
        query = "p" if item.post_type == "post" else "page_id"
        paths.append(Redirect.normalise_path(f"/?{query}={item.post_id}"))
        for attachment_id, link in self.attachments_of.get(item.post_id, ()):
            paths.append(Redirect.normalise_path(f"/?attachment_id={attachment_id}"))
            if link:
                paths.append(_old_path(link))
        own = Redirect.normalise_path(page.get_url_parts()[2] if page.get_url_parts() else "")
        return [path for path in dict.fromkeys(paths) if path != own]
