"""WordPress export (WXR) → plain data objects, streaming, with no database.

The export is fed to expat (through defusedxml, which refuses any DTD, entity
or external reference) in small chunks; a target keeps only the record being
read (one `<item>`, `<wp:author>`, `<wp:category>` …) and hands it over when
it closes, so memory stays flat however large the file. Every text node is
bounded too (`max_text`), so a 100 MB node is refused after its first
megabytes instead of being held whole.

`read_wxr(source)` yields `Site`, `Author`, `Term` and `Item` objects in file
order (WordPress writes the channel's authors and terms before the items).
"""

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

CHUNK = 64 * 1024
# A post's content in a real export rarely passes a few hundred kilobytes.
MAX_TEXT = 8 * 1024 * 1024

RECORDS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}
CHANNEL_FIELDS = {"title", "link", "wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"}


class WXRError(ValueError):
    """The file is not a WordPress export we can read; the message says why."""


@dataclass(frozen=True)
class Site:
    title: str
    link: str
    base_site_url: str
    wxr_version: str


@dataclass(frozen=True)
class Author:
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Term:
    kind: str  # "category" or "post_tag"
    slug: str
    name: str
    parent: str  # the parent's slug, categories only
    description: str


@dataclass(frozen=True)
class Item:
    """A post, a page or an attachment, as exported."""

    post_id: int
    post_type: str
    title: str
    link: str
    guid: str
    slug: str
    status: str
    date_gmt: datetime | None
    author: str
    content: str
    excerpt: str
    parent_id: int
    attachment_url: str
    categories: tuple = ()  # (slug, name) of each category
    tags: tuple = ()  # (slug, name) of each tag
    meta: dict = field(default_factory=dict)
    comments: int = 0


def _prefix(uri):
    if uri.startswith("http://wordpress.org/export/"):
        return "excerpt" if "excerpt" in uri else "wp"
    return {
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://purl.org/dc/elements/1.1/": "dc",
    }.get(uri, uri)


def _name(tag):
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id`."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        return f"{_prefix(uri)}:{local}"
    return tag


class _Target:
    """Builds one record at a time; everything outside records is dropped."""

    def __init__(self, max_text):
        self.max_text = max_text
        self.depth = 0
        self.builder = None
        self.record_depth = 0
        self.text_length = 0
        self.channel = {}
        self.channel_field = None
        self.done = deque()

    def start(self, tag, attrib):
        self.depth += 1
        self.text_length = 0
        name = _name(tag)
        if self.builder is not None:
            self.builder.start(name, attrib)
        elif self.depth == 3 and name in RECORDS:
            self.builder = TreeBuilder()
            self.builder.start(name, attrib)
            self.record_depth = self.depth
        elif self.depth == 3 and name in CHANNEL_FIELDS:
            self.channel_field = name
            self.channel[name] = ""
        elif self.depth == 1 and name != "rss":
            raise WXRError(f"Not a WordPress export: the document is <{name}>, not <rss>.")

    def data(self, text):
        self.text_length += len(text)
        if self.text_length > self.max_text:
            raise WXRError(
                f"A text in the export is longer than {self.max_text // (1024 * 1024)} MB; "
                "refused (is this really a WordPress export?)."
            )
        if self.builder is not None:
            self.builder.data(text)
        elif self.channel_field:
            self.channel[self.channel_field] += text

    def end(self, tag):
        self.text_length = 0
        if self.builder is not None:
            self.builder.end(_name(tag))
            if self.depth == self.record_depth:
                self.done.append(self.builder.close())
                self.builder = None
        elif self.channel_field:
            self.channel_field = None
            if set(CHANNEL_FIELDS) - {"wp:base_blog_url"} <= set(self.channel):
                self.done.append(self._site())
        self.depth -= 1

    def _site(self):
        channel, self.channel = self.channel, {}
        return Site(
            title=channel["title"].strip(),
            link=channel["link"].strip(),
            base_site_url=channel["wp:base_site_url"].strip(),
            wxr_version=channel["wp:wxr_version"].strip(),
        )

    def close(self):
        return None


def _children(element, name):
    # Not ElementPath: our names ("wp:post_id") would read as namespace prefixes to it.
    return [child for child in element if child.tag == name]


def _raw(element, name):
    children = _children(element, name)
    return (children[0].text or "") if children else ""


def _text(element, name):
    return _raw(element, name).strip()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _date(value):
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _slug(value):
    # WordPress exports non-ASCII slugs percent-encoded ("berita-%c3%a9").
    return unquote(value.strip())


def _author(element):
    return Author(
        login=_text(element, "wp:author_login"),
        email=_text(element, "wp:author_email"),
        display_name=_text(element, "wp:author_display_name"),
        first_name=_text(element, "wp:author_first_name"),
        last_name=_text(element, "wp:author_last_name"),
    )


def _term(element):
    name = _name(element.tag)
    if name == "wp:category":
        return Term(
            "category",
            _slug(_text(element, "wp:category_nicename")),
            _text(element, "wp:cat_name"),
            _slug(_text(element, "wp:category_parent")),
            _text(element, "wp:category_description"),
        )
    if name == "wp:tag":
        return Term(
            "post_tag",
            _slug(_text(element, "wp:tag_slug")),
            _text(element, "wp:tag_name"),
            "",
            _text(element, "wp:tag_description"),
        )
    return Term(
        _text(element, "wp:term_taxonomy"),
        _slug(_text(element, "wp:term_slug")),
        _text(element, "wp:term_name"),
        _slug(_text(element, "wp:term_parent")),
        _text(element, "wp:term_description"),
    )


def _item(element):
    categories, tags = [], []
    for category in _children(element, "category"):
        pair = (_slug(category.get("nicename", "")), (category.text or "").strip())
        if category.get("domain") == "category":
            categories.append(pair)
        elif category.get("domain") == "post_tag":
            tags.append(pair)
    meta = {}
    for postmeta in _children(element, "wp:postmeta"):
        meta[_text(postmeta, "wp:meta_key")] = _text(postmeta, "wp:meta_value")
    post_id = _int(_text(element, "wp:post_id"))
    if not post_id:
        raise WXRError(f"An item without a wp:post_id: “{_text(element, 'title')[:80]}”.")
    return Item(
        post_id=post_id,
        post_type=_text(element, "wp:post_type") or "post",
        title=_text(element, "title"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        slug=_slug(_text(element, "wp:post_name")),
        status=_text(element, "wp:status") or "draft",
        date_gmt=_date(_text(element, "wp:post_date_gmt")),
        author=_text(element, "dc:creator"),
        content=_raw(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        parent_id=_int(_text(element, "wp:post_parent")),
        attachment_url=_text(element, "wp:attachment_url"),
        categories=tuple(categories),
        tags=tuple(tags),
        meta=meta,
        comments=len(_children(element, "wp:comment")),
    )


def _convert(record):
    if isinstance(record, Site):
        return record
    name = _name(record.tag)
    if name == "item":
        return _item(record)
    if name == "wp:author":
        return _author(record)
    return _term(record)


def read_wxr(source, *, max_text=MAX_TEXT, chunk=CHUNK):
    """Yield the export's records from `source` (a binary file object).

    Raises WXRError with a readable message on anything that is not a
    well-formed, entity-free WordPress export.
    """
    target = _Target(max_text)
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    try:
        while data := source.read(chunk):
            parser.feed(data)
            while target.done:
                yield _convert(target.done.popleft())
        parser.close()
    except DefusedXmlException as error:
        raise WXRError(
            "The export declares a DTD or entities, which a WordPress export never needs; "
            f"refused for safety ({type(error).__name__})."
        ) from error
    except ParseError as error:
        raise WXRError(f"The export is not well-formed XML: {error}.") from error
    while target.done:
        yield _convert(target.done.popleft())


PHP_STRING = r's:\d+:"{key}";s:\d+:"(.*?)";'


def php_meta_string(serialised, key):
    """One string value from a PHP-serialised array (`_wp_attachment_metadata`).

    Only the few `image_meta` strings are read; the rest of the structure is
    never unserialised.
    """
    match = re.search(PHP_STRING.format(key=re.escape(key)), serialised or "", re.S)
    return match.group(1) if match else ""
