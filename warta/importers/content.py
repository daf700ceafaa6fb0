"""WordPress post content (Gutenberg blocks or classic HTML) → article body blocks.

Pure: the result names attachments by their WordPress ID (or URL) and the
importer resolves them to images. WordPress content is a stream of block
comments (`<!-- wp:paragraph -->`) around HTML, or, for classic posts, HTML
with blank lines for paragraphs (what `wpautop` reads) and shortcodes. Both
are regular enough to be cut with a few patterns; whatever reaches a
paragraph is cleaned by nh3 (`warta.core.sanitise.clean_html`) here, and
again when it is rendered.
"""

import html
import json
import re
from dataclasses import dataclass, field

from warta.core.sanitise import clean_html

BLOCK_COMMENT = re.compile(
    r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(\{.*?\}\s+)?(/)?-->", re.S
)
ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
SHORTCODE = re.compile(r"\[(\w[\w-]*)([^\]]*)\](?:(.*?)\[/\1\])?", re.S)
CLASSIC_BLOCK = re.compile(
    r"<h([1-6])[^>]*>(.*?)</h\1>"
    r"|<blockquote[^>]*>(.*?)</blockquote>"
    r"|<figure[^>]*>.*?</figure>"
    r"|(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?"
    r"|\x00(\d+)\x00",
    re.S | re.I,
)
URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
TAG = re.compile(r"<[^>]+>")
# Shortcodes of popular plugins that carry no content of their own.
DROPPED_SHORTCODES = {"contact-form-7", "contact-form", "ads", "adsense", "toc"}


@dataclass
class Converted:
    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def attachment_ids(self):
        ids = []
        for kind, value in self.blocks:
            if kind == "image" and value["attachment_id"]:
                ids.append(value["attachment_id"])
            elif kind == "gallery":
                ids.extend(value["attachment_ids"])
        return ids


def text_of(fragment):
    return html.unescape(TAG.sub("", fragment or "")).strip()


def attributes(tag):
    return {
        name.lower(): html.unescape(double if double is not None else single)
        for name, double, single in ATTRIBUTE.findall(tag)
    }


def _image(fragment, attachment_id=0, caption=""):
    img = re.search(r"<img\s[^>]*>", fragment, re.I)
    attrs = attributes(img.group(0)) if img else {}
    if not attachment_id:
        found = re.search(r"wp-image-(\d+)", attrs.get("class", ""))
        attachment_id = int(found.group(1)) if found else 0
    if not caption:
        figcaption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", fragment, re.S | re.I)
        caption = text_of(figcaption.group(1)) if figcaption else ""
    return (
        "image",
        {
            "attachment_id": attachment_id,
            "src": attrs.get("src", ""),
            "alt": attrs.get("alt", ""),
            "caption": caption,
        },
    )


def _paragraph(fragment):
    cleaned = clean_html(fragment.strip())
    if not text_of(cleaned):
        return None
    if not re.match(r"<(p|ul|ol|h[1-6]|blockquote)\b", cleaned):
        cleaned = f"<p>{cleaned}</p>"
    return ("paragraph", cleaned)


def _quote(fragment):
    cite = re.search(r"<cite[^>]*>(.*?)</cite>", fragment, re.S | re.I)
    body = re.sub(r"<cite[^>]*>.*?</cite>", "", fragment, flags=re.S | re.I)
    lines = [text_of(p) for p in re.split(r"</p>|<br\s*/?>", body)]
    return (
        "quote",
        {
            "quote": "\n".join(line for line in lines if line),
            "attribution": text_of(cite and cite.group(1)),
        },
    )


def _heading(level, inner):
    return ("heading", {"text": text_of(inner)[:200], "level": "h2" if int(level) <= 2 else "h3"})


def _embed(url):
    return ("embed", {"embed": url.strip(), "caption": ""})


def _ids(value):
    return [int(part) for part in re.findall(r"\d+", str(value or ""))]


class _Converter:
    def __init__(self):
        self.result = Converted()

    def add(self, block):
        if block is not None:
            self.result.blocks.append(block)

    def warn(self, message):
        if message not in self.result.warnings:
            self.result.warnings.append(message)

    # Gutenberg ---------------------------------------------------------------

    def gutenberg(self, content):
        position, depth, start, opened = 0, 0, 0, None
        for match in BLOCK_COMMENT.finditer(content):
            closing, name, raw_attrs, self_closing = match.groups()
            if depth == 0 and not closing:
                self.classic(content[position : match.start()])
                attrs = self._json(raw_attrs, name)
                if self_closing:
                    self.block(name, attrs, "")
                    position = match.end()
                    continue
                opened, start = (name, attrs), match.end()
            if closing:
                depth -= 1
                if depth == 0 and opened:
                    self.block(*opened, content[start : match.start()])
                    position, opened = match.end(), None
            elif not self_closing:
                depth += 1
        self.classic(content[position:])

    def _json(self, raw, name):
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            self.warn(f"block {name}: unreadable attributes")
            return {}
        return value if isinstance(value, dict) else {}

    def block(self, name, attrs, inner):
        name = name.removeprefix("core/")
        if name == "paragraph":
            self.add(_paragraph(inner))
        elif name == "heading":
            heading = re.search(r"<h([1-6])[^>]*>(.*?)</h\1>", inner, re.S)
            level = attrs.get("level") or (heading.group(1) if heading else 2)
            self.add(_heading(level, heading.group(2) if heading else inner))
        elif name == "image":
            self.add(_image(inner, attachment_id=int(attrs.get("id") or 0)))
        elif name in ("quote", "pullquote"):
            self.add(_quote(inner))
        elif name == "embed" or name.startswith("core-embed/"):
            url = attrs.get("url") or text_of(inner)
            if url:
                self.add(_embed(url))
        elif name == "gallery":
            ids = _ids(attrs.get("ids")) or [int(i) for i in re.findall(r"wp-image-(\d+)", inner)]
            self.gallery(ids)
        elif name in ("group", "columns", "column", "cover"):
            self.gutenberg(inner)
        elif name in ("list", "html", "freeform", "shortcode", "separator", "spacer"):
            self.classic(inner)
        else:
            self.warn(f"block {name} kept as sanitised HTML")
            self.classic(inner)

    def gallery(self, ids):
        if len(ids) >= 2:
            self.add(("gallery", {"attachment_ids": ids[:30]}))
        elif ids:
            self.add(("image", {"attachment_id": ids[0], "src": "", "alt": "", "caption": ""}))

    # Classic HTML and shortcodes ---------------------------------------------

    def classic(self, content):
        if not content.strip():
            return
        extracted = []

        def shortcode(match):
            name, raw_attrs, inner = match.group(1).lower(), match.group(2), match.group(3)
            attrs = attributes(raw_attrs)
            if name in ("caption", "wp_caption"):
                img = re.search(r"(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?", inner or "", re.S)
                caption = attrs.get("caption") or text_of(
                    (inner or "").replace(img.group(0), "") if img else inner
                )
                attachment = _ids(attrs.get("id", ""))
                block = _image(
                    img.group(0) if img else "", attachment[0] if attachment else 0, caption
                )
            elif name == "embed":
                block = _embed(text_of(inner))
            elif name == "gallery":
                extracted.append(("gallery", {"attachment_ids": _ids(attrs.get("ids"))}))
                return f"\x00{len(extracted) - 1}\x00"
            elif name in DROPPED_SHORTCODES:
                self.warn(f"shortcode [{name}] removed")
                return ""
            else:
                self.warn(f"shortcode [{name}] not converted; its text is kept")
                return inner or ""
            extracted.append(block)
            return f"\x00{len(extracted) - 1}\x00"

        content = SHORTCODE.sub(shortcode, content)
        position = 0
        for match in CLASSIC_BLOCK.finditer(content):
            self.paragraphs(content[position : match.start()])
            position = match.end()
            level, heading, quote, placeholder = match.groups()
            if level:
                self.add(_heading(level, heading))
            elif quote is not None:
                self.add(_quote(quote))
            elif placeholder is not None:
                block = extracted[int(placeholder)]
                if block[0] == "gallery":
                    self.gallery(block[1]["attachment_ids"])
                else:
                    self.add(block)
            elif re.search(r"<img\s", match.group(0), re.I):
                self.add(_image(match.group(0)))
            else:
                self.paragraphs(match.group(0))
        self.paragraphs(content[position:])

    def paragraphs(self, text):
        for chunk in re.split(r"\n\s*\n|</p>", text):
            url = URL_LINE.match(TAG.sub("", chunk))
            if url and not re.search(r"<a\s", chunk):
                self.add(_embed(url.group(1)))
            else:
                if not re.search(r"<(ul|ol|li|p|div|table)\b", chunk, re.I):
                    chunk = chunk.strip().replace("\n", "<br>")
                self.add(_paragraph(chunk))


def convert(content):
    """Body blocks and warnings for one post's `content:encoded`."""
    converter = _Converter()
    if BLOCK_COMMENT.search(content):
        converter.gutenberg(content)
    else:
        converter.classic(content)
    return converter.result
