"""Views of articles that are not pages of the tree: a tag's stories (`/tag/<slug>/`)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Site

from warta.articles.cards import prepare_cards, with_card_images
from warta.articles.models import ArticlePage
from warta.core.http import public

TAG_PAGE_SIZE = 20


def tag_page(request, slug):
    """The site's published stories with tag `slug`, newest first, 20 a page (?page=N).

    A tag no live story of this site carries, or a bad page number, is a 404.
    """
    site = Site.find_for_request(request)
    tag = Tag.objects.filter(slug=slug).first()
    if site is None or tag is None:
        raise Http404(_("No stories with this tag."))
    articles = with_card_images(
        ArticlePage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(tags=tag)
        .order_by("-published_at", "-pk")
    )
    paginator = Paginator(articles, TAG_PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404(_("That page number does not exist.")) from None
    if not paginator.count:
        raise Http404(_("No stories with this tag."))
    page_obj.object_list = prepare_cards(page_obj.object_list, eager=1)
    context = {
        "tag": tag,
        "page_obj": page_obj,
        "canonical": request.build_absolute_uri(request.path),
    }
    return public(TemplateResponse(request, "articles/tag_page.html", context))
