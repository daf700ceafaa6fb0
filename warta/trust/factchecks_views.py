"""The fact-check index of a site: /cek-fakta/, newest first, filtered by verdict (?putusan=)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Site

from warta.articles.models import ArticlePage, StoryType
from warta.core.http import public
from warta.trust.factchecks import ClaimCheck, FactCheckSettings

PER_PAGE = 20


def factcheck_index(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    scale = FactCheckSettings.for_request(request)
    verdicts = scale.verdicts
    messages = []
    wanted = request.GET.get("putusan", "").strip()
    chosen = next((v for v in verdicts if v.slug == wanted), None) if wanted else None
    if wanted and chosen is None:
        messages.append(_("Unknown verdict ignored."))
        wanted = ""
    articles = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(story_type=StoryType.FACT_CHECK)
    )
    if chosen is not None:
        # Labels are matched as stored; the scale's slug names the filter in the URL.
        articles = articles.filter(claim_checks__verdict__iexact=chosen.label).distinct()
    articles = articles.order_by("-published_at", "-pk").prefetch_related(
        Prefetch("claim_checks", queryset=ClaimCheck.objects.order_by("sort_order", "pk"))
    )
    paginator = Paginator(articles, PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404(_("That page number does not exist.")) from None
    keep = QueryDict(mutable=True)
    if wanted:
        keep["putusan"] = wanted
    rows = []
    for article in page_obj:
        claims = list(article.claim_checks.all())
        rows.append(
            {
                "article": article,
                "claims": [
                    {"claim": claim, "verdict": scale.verdict(claim.verdict)} for claim in claims
                ],
            }
        )
    context = {
        "verdicts": verdicts,
        "wanted": wanted,
        "chosen": chosen,
        "rows": rows,
        "page_obj": page_obj,
        "base_query": keep.urlencode(),
        "messages_list": messages,
    }
    return public(render(request, "trust/factchecks/index.html", context))
