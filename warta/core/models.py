"""Sites and their branding, and the base class of every public page."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageViewRestriction, Site

from warta.core import pagecache
from warta.core.dates import ZONE_CHOICES, local_datetime
from warta.core.freshness import site_changed_at
from warta.core.http import public
from warta.core.page_forms import ConcurrentEditPageForm


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What makes one publication on the install its own.

    The name is Wagtail's Site.site_name; the rest lives here so editors can
    change it in Settings without a deployment.
    """

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    logo_text = models.CharField(
        _("logo text"),
        max_length=60,
        blank=True,
        help_text=_("Shown as the masthead. Defaults to the site name."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=ZONE_CHOICES, default="Asia/Makassar"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.WARTA_SITE_LANGUAGES, default="id"
    )
    feed_full_text = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_("Feeds carry whole stories when on, only their standfirst when off."),
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("logo_text"),
        FieldPanel("time_zone"),
        FieldPanel("language"),
        FieldPanel("feed_full_text"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def __str__(self):
        return self.logo_text or self.site.site_name

    def local_datetime(self, value):
        """`value` in this site's zone with its label: "Jumat, 31 Desember 2021 09.15 WITA"."""
        return local_datetime(value, self.time_zone)


def site_settings_for(where=None):
    """The settings of the site of `where` (a request, a page or a Site).

    Falls back to the default site's, then to an unsaved SiteSettings: its
    field defaults are the one place the fallback zone and language are written.
    """
    if hasattr(where, "META"):
        if Site.find_for_request(where) is not None:
            return SiteSettings.for_request(where)  # cached on the request
        site = None
    elif isinstance(where, Page):
        site = where.get_site()
    else:
        site = where
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return pagecache.site_settings(site) if site is not None else SiteSettings()


class PublicPage(Page):
    """Base of every page readers see.

    Public responses must be shareable by any cache: they carry no cookie, no
    CSRF token and nothing about the reader, and say how long they may be kept.
    """

    paginate_by = 20
    base_form_class = ConcurrentEditPageForm

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's, but without two queries when no restriction is above the page.

        The restricted paths come from the cache (core/pagecache.py); an alias is left
        to Wagtail, which checks its source page's restrictions.
        """
        if self.alias_of_id is None and not pagecache.is_under_restriction(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            public(response)
            # With the body's ETag (ConditionalGetMiddleware), which also
            # answers If-Modified-Since from this header with a 304.
            changed = site_changed_at()
            if changed is not None and response.status_code == 200:
                response.headers.setdefault("Last-Modified", http_date(changed.timestamp()))
        return response

    def paginate(self, request, queryset):
        """One page of `queryset` for ?page=N; a bad or out-of-range N is a 404."""
        paginator = Paginator(queryset, self.paginate_by)
        try:
            return paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            raise Http404(_("That page number does not exist.")) from None
