from django_tasks import task

from warta.articles.cards import CARD_SPEC
from warta.articles.models import ArticlePage
from warta.images.renditions import SHARE_SPEC, body_photos, filter_specs


@task()
def make_first_image_renditions(page_pk):
    """Make the renditions of an article's first image, so no reader waits for them.

    Also the lead image's share card, which the page's head always links to,
    and its thumbnail in story lists.
    """
    page = ArticlePage.objects.filter(pk=page_pk).first()
    if page is None:
        return 0
    made = 0
    if page.lead_image:
        made += len(page.lead_image.get_renditions(SHARE_SPEC, CARD_SPEC))
    first = next(body_photos(page.body), None)
    if first is not None:
        image, picture = first
        made += len(image.get_renditions(*filter_specs(picture)))
    return made
