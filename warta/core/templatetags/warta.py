import json

from django import template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from warta.core.csp_policy import JS_CLASS_SCRIPT
from warta.core.models import site_settings_for
from warta.core.sanitise import render_rich_text
from warta.core.structured import structured_data_for

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def local_time(context, value):
    """A <time> element with `value` in the current site's zone: "… 09.15 WITA"."""
    if value is None:
        return ""
    site_settings = site_settings_for(context["request"])
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), site_settings.local_datetime(value)
    )


@register.simple_tag
def js_class_script():
    """The one inline script of public pages, allowed by its hash (core/csp_policy.py)."""
    return mark_safe(f"<script>{JS_CLASS_SCRIPT}</script>")


@register.filter
def json_ld(data):
    """`data` as a JSON-LD script element, safe against "</script>" in any value."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    # Safe: `payload` has every "<", ">" and "&" escaped above.
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """The JSON-LD apps above core register for this page (core/structured.py)."""
    request = context.get("request")
    if request is None:
        return ""
    return mark_safe(  # each block is escaped by json_ld
        "".join(json_ld(data) for data in structured_data_for(request, context.get("page")))
    )


@register.filter
def clean_richtext(value):
    """Wagtail rich text expanded to HTML and sanitised (see core.sanitise)."""
    return render_rich_text(value)


@register.simple_tag
def optional_url(*names, path=""):
    """The URL of the first of `names` that exists, else `path` if a view (not a page) answers it.

    For links to features of apps that may not be installed yet ("Cek Fakta"):
    "" when none resolves, so the template leaves the link out.
    """
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    if path:
        try:
            match = resolve(path)
        except Resolver404:
            return ""
        if match.url_name != "wagtail_serve":
            return path
    return ""
