from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "warta.core"
    label = "core"
    verbose_name = "Warta core"

    def ready(self):
        # Imported here, not at the top: Wagtail's models load only once every app is.
        from django.db.models.signals import post_save, pre_save
        from wagtail.models import Revision

        from warta.core.places import round_approximate_place_in_revision, round_older_revisions

        pre_save.connect(
            round_approximate_place_in_revision, sender=Revision, dispatch_uid="core-revision-round"
        )
        post_save.connect(
            round_older_revisions, sender=Revision, dispatch_uid="core-revision-round-older"
        )

        from wagtail.query import PageQuerySet

        from warta.core import pagecache

        pagecache.connect()
        # `.public()` asked the database for every view restriction each time it was
        # called (four times on an article); the restricted paths come from the cache.
        PageQuerySet.private_q = pagecache.private_q
