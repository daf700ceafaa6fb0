"""What a story card shows beside its headline: a thumbnail and its markers.

`prepare_cards(articles)` takes the articles of a list (home, section, topic,
tag, author) and, in a fixed number of queries whatever their number, gives
each one:

- ``card_image``: the lead image's thumbnail rendition (or None);
- ``card_markers``: a list of markers, among "live", "video" and "map";
- ``card_label`` (the story type, but for plain news) and ``card_kicker`` (the
  kicker, unless it only repeats the label).

"video" and "map" are read from the article itself (its body's block types,
its place); apps above articles add markers through
``register_card_marker(fn)``, where ``fn(page_ids)`` returns ``{page_id:
marker}`` in one query (the live app: "live" for a coverage that is live now).
"""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch

from warta.images.models import WartaImage

# A 16:9 thumbnail, small enough for a list on a 360 px phone.
CARD_SPEC = "fill-320x180|format-webp"
MARKERS = ("live", "video", "map")

CardMarker = Callable[[list], dict]

_markers: list[CardMarker] = []


def register_card_marker(marker: CardMarker) -> None:
    if marker not in _markers:
        _markers.append(marker)


def with_card_images(queryset):
    """`queryset` of articles with each lead image and its thumbnail loaded (two queries)."""
    images = WartaImage.objects.prefetch_renditions(CARD_SPEC)
    return queryset.prefetch_related(Prefetch("lead_image", queryset=images))


def _body_types(article):
    try:
        return {block.get("type") for block in article.body.raw_data}
    except (AttributeError, TypeError):
        return set()


def type_label(article, kicker):
    """(the story type's label, or "" for plain news; `kicker`, or "" if it only repeats it).

    So a card or a headline says "ANALISIS" once, never "ANALISIS [ANALISIS]".
    """
    label = "" if article.story_type == "berita" else str(article.get_story_type_display())
    if label and kicker.strip().casefold() in (label.casefold(), article.story_type):
        kicker = ""
    return label, kicker


def prepare_cards(articles: Iterable, eager: int = 0) -> list:
    """The articles as a list, each with ``card_image``, ``card_markers`` and ``card_eager``.

    The first `eager` cards (the first screen) load their image at once; the others lazily.
    """
    articles = list(articles)
    extra = {}
    if articles:
        ids = [article.pk for article in articles]
        for marker in _markers:
            for page_id, name in marker(ids).items():
                extra.setdefault(page_id, set()).add(name)
    with_image = 0
    for article in articles:
        found = set(extra.get(article.pk, ()))
        if "video" in _body_types(article):
            found.add("video")
        if getattr(article, "place_latitude", None) is not None:
            found.add("map")
        article.card_markers = [name for name in MARKERS if name in found]
        article.card_label, article.card_kicker = type_label(article, article.kicker)
        image = article.lead_image
        article.card_image = image.get_rendition(CARD_SPEC) if image else None
        if article.card_image:
            with_image += 1
            article.card_eager = with_image <= eager
        else:
            article.card_eager = False
    return articles


def paginated_cards(page, request, articles):
    """One page (`page.paginate`: ?page=N, a bad N is a 404) of `articles`, newest first."""
    page_obj = page.paginate(request, with_card_images(articles).order_by("-published_at", "-pk"))
    page_obj.object_list = prepare_cards(page_obj.object_list, eager=1)
    return page_obj
