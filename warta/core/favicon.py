"""A site's icon, drawn from its name: its initials on a colour of its own.

`/favicon.ico` (a 32 px PNG: browsers and feed readers ask for it whatever
the page says), `/favicon.svg` (what `<link rel="icon">` names) and `/logo.png`
(512 px: the publisher logo structured data names). Each is made once per site
name and kept in the cache; responses are public.
"""

import hashlib
import io

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Site

from warta.core.http import public

ICON_MAX_AGE = 24 * 60 * 60
# Dark enough for white initials to read on every one of them.
PALETTE = ("#b3121b", "#1d5fd1", "#1f7a3d", "#6b2fa3", "#9a4a00", "#0f6f78", "#333333")


def initials(name):
    """ "BALICITIZEN" → "B", "PosPapusa" → "PP", "Warta Kota" → "WK"."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[1][0]).upper()
    word = words[0] if words else "W"
    capitals = [c for c in word if c.isupper()]
    if len(capitals) >= 2 and not word.isupper():
        return "".join(capitals[:2])
    return word[0].upper()


def colour(name):
    return PALETTE[hashlib.sha256(name.encode()).digest()[0] % len(PALETTE)]


def _name(request):
    site = Site.find_for_request(request)
    return site.site_name if site and site.site_name else "Warta"


def svg_icon(name):
    letters = escape(initials(name))
    size = 36 if len(letters) == 1 else 26
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">'
        f'<rect width="48" height="48" rx="8" fill="{colour(name)}"/>'
        f'<text x="24" y="24" dy=".35em" text-anchor="middle" fill="#fff" '
        f'font-family="Georgia,serif" font-weight="700" font-size="{size}">{letters}</text></svg>'
    )


def png_icon(name, size=32):
    picture = Image.new("RGB", (size, size), colour(name))
    draw = ImageDraw.Draw(picture)
    letters = initials(name)
    font = ImageFont.load_default(size=size * (0.7 if len(letters) == 1 else 0.5))
    draw.text((size / 2, size / 2), letters, fill="#fff", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _cached(kind, name, make):
    key = f"warta:favicon:{kind}:{hashlib.sha256(name.encode()).hexdigest()[:16]}"
    body = cache.get(key)
    if body is None:
        body = make(name)
        cache.set(key, body, ICON_MAX_AGE)
    return body


def favicon_png(request):
    body = _cached("png", _name(request), png_icon)
    return public(HttpResponse(body, content_type="image/png"), max_age=ICON_MAX_AGE)


LOGO_SIZE = 512


def logo_png(request):
    body = _cached("logo", _name(request), lambda name: png_icon(name, LOGO_SIZE))
    return public(HttpResponse(body, content_type="image/png"), max_age=ICON_MAX_AGE)


def favicon_svg(request):
    body = _cached("svg", _name(request), svg_icon)
    return public(HttpResponse(body, content_type="image/svg+xml"), max_age=ICON_MAX_AGE)
