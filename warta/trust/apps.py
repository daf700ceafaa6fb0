from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    """What readers can check: sources, corrections, replies, fact-checks, the edit alarm."""

    name = "warta.trust"
    label = "trust"
    verbose_name = _("Trust")

    def ready(self):
        from wagtail.signals import page_published

        from warta.trust.old_edits_signals import on_article_published

        page_published.connect(on_article_published, dispatch_uid="trust-old-edit-alarm")

        # Imported here, not at the top: they load models.
        from warta.trust import factchecks, replies

        factchecks.register()
        replies.register()
