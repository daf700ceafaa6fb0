"""The public corrections log of a site (/koreksi/) and its RSS feed (/koreksi/feed/).

Newest first, every note on the site's live, public articles, withdrawn ones
included (their trace is part of the record). Both are public pages, cached
like the others and purged when a note is written or withdrawn.
"""

from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from warta.articles.models import ArticlePage
from warta.core.http import public
from warta.trust.models import CorrectionNote

PER_PAGE = 20
FEED_ITEMS = 30


def current_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def site_notes(site):
    articles = ArticlePage.objects.live().public().descendant_of(site.root_page).values("pk")
    return (
        CorrectionNote.objects.filter(article__in=articles)
        .select_related("article")
        .order_by("-created_at", "-pk")
    )


def corrections_log(request):
    site = current_site(request)
    paginator = Paginator(site_notes(site), PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404(_("That page number does not exist.")) from None
    context = {"page_obj": page_obj, "notes": page_obj.object_list, "site": site}
    return public(render(request, "trust/corrections_log.html", context))


class CorrectionsFeed(Feed):
    """RSS 2.0 of a site's newest correction notes, each linking to its article."""

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        self.request = request
        return current_site(request)

    def title(self, site):
        return _("Corrections and updates — %(site)s") % {"site": site.site_name}

    def link(self, site):
        return site.root_url + reverse("trust-corrections")

    def description(self, site):
        return _("Corrections, clarifications and updates to %(site)s stories.") % {
            "site": site.site_name
        }

    def feed_url(self, site):
        return self.request.build_absolute_uri()

    def items(self, site):
        return list(site_notes(site)[:FEED_ITEMS])

    def item_title(self, note):
        title = f"{note.get_kind_display()}: {note.article.title}"
        if note.withdrawn:
            title = _("%(title)s (withdrawn)") % {"title": title}
        return title

    def item_description(self, note):
        text = note.text
        if note.withdrawn:
            text += "\n\n" + _("Withdrawn: %(reason)s") % {"reason": note.withdraw_reason}
        return text

    def item_link(self, note):
        return note.article.get_full_url(self.request) + f"#trust-note-{note.pk}"

    def item_guid(self, note):
        return f"tag:{current_site(self.request).hostname},2021:correction-{note.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, note):
        return note.created_at

    def item_updateddate(self, note):
        return note.withdrawn_at or note.created_at

    def __call__(self, request, *args, **kwargs):
        return public(super().__call__(request, *args, **kwargs))
