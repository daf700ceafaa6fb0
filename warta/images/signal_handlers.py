from django.db import transaction
from wagtail.signals import page_published


def queue_first_image_renditions(sender, instance, **kwargs):
    from warta.images.tasks import make_first_image_renditions

    transaction.on_commit(lambda: make_first_image_renditions.enqueue(instance.pk))


def register_signal_handlers():
    from warta.articles.models import ArticlePage

    page_published.connect(queue_first_image_renditions, sender=ArticlePage)
