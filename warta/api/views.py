"""The read API's endpoints, on django-ninja (the framework Wagtail's own v3 API is built on).

Every list is a page of `limit` items with a `next` URL and a `next_cursor`
(keyset pagination, see `cursors.py`); every endpoint answers for the site of
the host asked, or the one `?site=` names. What may be shown is decided in
`queries.py`, how it looks in `represent.py` and `schemas.py`, the headers
(CORS, ETag, caching, rate limit) in `http.py`.
"""

from typing import Annotated

from django.http import Http404
from ninja import NinjaAPI, Path, Query
from ninja.errors import Throttled, ValidationError
from wagtail.models import Site as WagtailSite

from warta.api import queries, represent, schemas
from warta.api.cursors import BadCursor
from warta.api.errors import (
    BAD_CURSOR,
    BAD_PARAMETERS,
    NOT_FOUND,
    PROBLEM_JSON,
    TOO_MANY_REQUESTS,
    UNKNOWN_PARAMETERS,
    UNKNOWN_SITE,
    ApiError,
    Problem,
    problem,
)
from warta.api.http import AddressRateThrottle
from warta.core.models import site_settings_for
from warta.live.models import LiveCoverage

DESCRIPTION = """\
Published, public stories of every Warta site: articles, sections, topics,
authors, live coverage and the corrections noted on articles. Read-only, no
authentication, the same answer for every client.

- **Site**: each endpoint answers for the site of the host name asked; `site`
  names another site by id (see `/sites`).
- **Pagination**: lists return `items`, and `next` (a URL) with `next_cursor`
  while there is more; pass `cursor` back unchanged. `limit` is 1–100
  (default 20); more is refused with a 422.
- **Caching**: answers carry an `ETag` and `Cache-Control: public, max-age`;
  send `If-None-Match` to get a 304.
- **Rate limit**: per client address; over it, a 429 with `Retry-After`.
- **Errors**: `application/problem+json` with `detail` in Indonesian and
  `detail_en` in English; bad input is a 400, 404 or 422, never a 500.
"""

ObjectId = Annotated[int, Path(ge=1, le=schemas.MAX_ID)]
ERRORS = {400: Problem, 404: Problem, 422: Problem, 429: Problem}


class WartaApi(NinjaAPI):
    """NinjaAPI whose document says errors are `application/problem+json`, as they are."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation["responses"].items():
                    if int(status) >= 400 and "content" in response:
                        response["content"] = {PROBLEM_JSON: response["content"].popitem()[1]}
        return schema


api = WartaApi(
    title="Warta API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="warta-api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    throttle=AddressRateThrottle(),
)


@api.exception_handler(ApiError)
def api_error(request, exc):
    return problem(exc.status, exc.message, **exc.params)


@api.exception_handler(BadCursor)
def bad_cursor(request, exc):
    return problem(400, BAD_CURSOR)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    errors = [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error["type"]}
        for error in exc.errors
    ]
    return problem(422, BAD_PARAMETERS, errors=errors, names=", ".join(names))


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(404, NOT_FOUND)


@api.exception_handler(Throttled)
def throttled(request, exc):
    return problem(429, TOO_MANY_REQUESTS)


def check_parameters(request, schema):
    """Unknown query parameters are a 400: a misspelt filter must not look like no filter."""
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise ApiError(400, UNKNOWN_PARAMETERS, names=", ".join(unknown))


def site_for(request, site_id):
    site = queries.find_site(site_id, WagtailSite.find_for_request(request))
    if site is None:
        raise ApiError(404, UNKNOWN_SITE)
    return site


def next_url(request, next_cursor):
    if next_cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = next_cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def page_of(request, items, next_cursor, **extra):
    return {
        "items": items,
        "next": next_url(request, next_cursor),
        "next_cursor": next_cursor,
        **extra,
    }


@api.get("/sites", response={200: schemas.SiteList, **ERRORS}, tags=["sites"])
def sites(request, query: Query[schemas.PageQuery]):
    """Every site of this install."""
    check_parameters(request, schemas.PageQuery)
    rows, cursor = queries.id_order_page(WagtailSite.objects.all(), query.cursor, query.limit)
    items = [represent.site(request, row, site_settings_for(row)) for row in rows]
    return page_of(request, items, cursor)


@api.get("/sections", response={200: schemas.SectionList, **ERRORS}, tags=["sections"])
def sections(request, query: Query[schemas.ListQuery]):
    """The site's sections (rubrik)."""
    check_parameters(request, schemas.ListQuery)
    site = site_for(request, query.site)
    rows, cursor = queries.id_order_page(queries.sections(site), query.cursor, query.limit)
    return page_of(request, [represent.section(request, site, row) for row in rows], cursor)


@api.get("/topics", response={200: schemas.TopicList, **ERRORS}, tags=["topics"])
def topics(request, query: Query[schemas.ListQuery]):
    """The site's topic hubs."""
    check_parameters(request, schemas.ListQuery)
    site = site_for(request, query.site)
    rows, cursor = queries.id_order_page(queries.topics(site), query.cursor, query.limit)
    coverage_ids = dict(
        LiveCoverage.objects.filter(page__in=[row.pk for row in rows]).values_list("page", "pk")
    )
    items = [represent.topic(request, site, row, coverage_ids) for row in rows]
    return page_of(request, items, cursor)


@api.get("/authors", response={200: schemas.AuthorList, **ERRORS}, tags=["authors"])
def authors(request, query: Query[schemas.ListQuery]):
    """The site's authors (their public bylines, not user accounts)."""
    check_parameters(request, schemas.ListQuery)
    site = site_for(request, query.site)
    rows, cursor = queries.id_order_page(queries.authors(site), query.cursor, query.limit)
    return page_of(request, [represent.author(request, site, row) for row in rows], cursor)


@api.get("/articles", response={200: schemas.ArticleList, **ERRORS}, tags=["articles"])
def articles(request, query: Query[schemas.ArticleQuery]):
    """The site's published articles, newest first, filtered."""
    check_parameters(request, schemas.ArticleQuery)
    site = site_for(request, query.site)
    selected = queries.filter_articles(queries.articles(site), query)
    rows, cursor = queries.newest_first_page(selected, query.cursor, query.limit, "published_time")
    sections = queries.sections_of(rows, site)
    items = [represent.article_summary(request, site, row, sections) for row in rows]
    return page_of(request, items, cursor)


@api.get("/articles/{article_id}", response={200: schemas.Article, **ERRORS}, tags=["articles"])
def article(request, article_id: ObjectId, query: Query[schemas.SiteQuery]):
    """One article, its body as structured blocks and as rendered HTML."""
    check_parameters(request, schemas.SiteQuery)
    found = site_for(request, query.site)
    row = queries.articles(found).select_related("lead_image").filter(pk=article_id).first()
    if row is None:
        raise ApiError(404, NOT_FOUND)
    coverage_id = LiveCoverage.objects.filter(page=row).values_list("pk", flat=True).first()
    return represent.article(request, found, row, queries.sections_of([row], found), coverage_id)


@api.get("/live-coverages", response={200: schemas.LiveCoverageList, **ERRORS}, tags=["live"])
def live_coverages(request, query: Query[schemas.ListQuery]):
    """The site's live coverages, newest first."""
    check_parameters(request, schemas.ListQuery)
    site = site_for(request, query.site)
    rows, cursor = queries.id_order_page(
        queries.coverages(site), query.cursor, query.limit, descending=True
    )
    return page_of(request, [represent.coverage(request, site, row) for row in rows], cursor)


@api.get(
    "/live-coverages/{coverage_id}/updates",
    response={200: schemas.LiveUpdateList, **ERRORS},
    tags=["live"],
    url_name="live_updates",
)
def live_updates(request, coverage_id: ObjectId, query: Query[schemas.ListQuery]):
    """A live coverage and its approved updates, newest first."""
    check_parameters(request, schemas.ListQuery)
    site = site_for(request, query.site)
    coverage = queries.coverages(site).filter(pk=coverage_id).first()
    if coverage is None:
        raise ApiError(404, NOT_FOUND)
    rows, cursor = queries.newest_first_page(
        queries.updates(coverage), query.cursor, query.limit, "time"
    )
    site_settings = site_settings_for(site)
    items = [represent.update(request, row, site_settings) for row in rows]
    return page_of(request, items, cursor, coverage=represent.coverage(request, site, coverage))


@api.get("/corrections", response={200: schemas.CorrectionList, **ERRORS}, tags=["corrections"])
def corrections(request, query: Query[schemas.CorrectionQuery]):
    """Corrections, clarifications and updates noted on the site's articles, newest first.

    Withdrawn notes stay listed, with when and why, as readers see them.
    """
    check_parameters(request, schemas.CorrectionQuery)
    site = site_for(request, query.site)
    rows, cursor = queries.newest_first_page(
        queries.corrections(site, query.since), query.cursor, query.limit, "created_at"
    )
    return page_of(request, [represent.correction(request, site, row) for row in rows], cursor)
