from django_tasks import task

from warta.images.renditions import BODY_PICTURE, GALLERY_PICTURE, SHARE_SPEC, filter_specs


@task()
def make_first_image_renditions(page_pk):
    """Make the renditions of an article's first image, so no reader waits for them.

    Also the lead image's share card, which the page's head always links to.
    """
    from warta.articles.models import ArticlePage

    page = ArticlePage.objects.filter(pk=page_pk).first()
    if page is None:
        return 0
    made = 0
    if page.lead_image:
        made += len(page.lead_image.get_renditions(SHARE_SPEC))
    image, picture = first_body_image(page)
    if image is not None:
        made += len(image.get_renditions(*filter_specs(picture)))
    return made


def first_body_image(page):
    for block in page.body:
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"], BODY_PICTURE
        if block.block_type == "gallery":
            for item in block.value["images"]:
                if item.get("image"):
                    return item["image"], GALLERY_PICTURE
    return None, None
