"""The Content-Security-Policy directives, built once from the settings.

Pure (no Django import): `warta/settings.py` calls `public_directives` and
`admin_directives` with the origins it knows (media, static, map tiles, embeds).
The middleware and the report endpoint are in `core/csp.py`; why each
directive is what it is: docs/security.md, "Content-Security-Policy".

Public pages are cached by shared caches and carry no per-reader state, so
their policy is the same for every response: no nonce (a cached page would
reuse it), no inline script but the one-line `JS_CLASS_SCRIPT` in `base.html`,
allowed by its hash.
"""

import base64
import hashlib
import re
from urllib.parse import urlsplit

NONE, SELF = "'none'", "'self'"

# Marks the document before first paint so CSS can hide no-JS fallbacks
# without a flash; too small and too early for a file of its own.
JS_CLASS_SCRIPT = 'document.documentElement.classList.add("js")'

REPORT_PATH = "/csp-report/"
REPORT_GROUP = "csp"

# Where embedded players (Wagtail's oEmbed finders) are framed from; more with
# WARTA_CSP_FRAME_SRC. Their scripts (tweets, Instagram) are not allowed: the
# quoted text and link of such an embed still show.
EMBED_FRAME_SOURCES = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)


def script_hash(source):
    """The CSP source expression allowing an inline script of exactly `source`."""
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


_LEADING_PLACEHOLDER = re.compile(r"^\{[^}]*\}\.")


def origin(url):
    """`scheme://host[:port]` of an absolute URL, else None. A leading `{s}.`
    subdomain (tile servers) becomes the CSP wildcard `*.`; any other
    placeholder in the host gives None."""
    scheme, _, rest = (url or "").partition("://")
    host = _LEADING_PLACEHOLDER.sub("*.", rest.split("/", 1)[0])
    if scheme not in ("http", "https") or not host or "{" in host or "@" in host:
        return None
    return f"{scheme}://{host.lower()}"


def s3_origins(bucket, endpoint_url, custom_domain, region):
    """Where django-storages' S3 URLs point, for the media policy."""
    if not bucket:
        return []
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        scheme, host = urlsplit(endpoint_url).scheme, urlsplit(endpoint_url).netloc
        # Path-style (endpoint/bucket/key) and virtual-hosted (bucket.endpoint/key).
        return [f"{scheme}://{host}", f"{scheme}://{bucket}.{host}"]
    hosts = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        hosts.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return hosts


def _unique(*groups):
    return list(dict.fromkeys(value for group in groups for value in group if value))


def public_directives(*, media=(), tiles=(), frames=()):
    """Readers' pages, JSON, feeds, errors: nothing inline but the hashed line."""
    return {
        "default-src": [SELF],
        "script-src": [SELF, script_hash(JS_CLASS_SCRIPT)],
        "style-src": [SELF],
        # data: for the few images libraries draw inline; blob: for video posters
        # hls.js never makes, so not needed.
        "img-src": _unique([SELF, "data:"], media, tiles),
        # hls.js plays through Media Source Extensions: the <video> gets a blob: URL.
        "media-src": _unique([SELF, "blob:"], media),
        # The live stream (SSE) and JSON, the map's GeoJSON, hls.js's playlist
        # and segment requests (to the media origin).
        "connect-src": _unique([SELF], media),
        # hls.js runs its transmuxer in a worker made from a blob: URL of its own code.
        "worker-src": [SELF, "blob:"],
        "font-src": [SELF],
        "frame-src": _unique([SELF], EMBED_FRAME_SOURCES, frames),
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": REPORT_PATH,
        "report-to": REPORT_GROUP,
    }


def admin_directives(*, media=(), tiles=(), frames=()):
    """The Wagtail admin: what Wagtail 8 needs on top (docs/security.md).

    Wagtail's own templates carry inline scripts with per-render data (the
    InlinePanel and date-widget initialisers, `wagtailadmin/panels/*.html`,
    `widgets/date_input.html`) and style attributes, and it uses no nonce, so
    the admin needs 'unsafe-inline' for scripts and styles. It needs no
    'unsafe-eval'. Its preview is framed by the admin itself.
    """
    return {
        **public_directives(media=media, tiles=tiles, frames=frames),
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        # Upload previews are blob: URLs; Wagtail's icons and Draftail use data:.
        "img-src": _unique([SELF, "data:", "blob:"], media, tiles),
        "frame-ancestors": [SELF],
    }
