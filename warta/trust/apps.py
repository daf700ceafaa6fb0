from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    """What readers can check: sources, corrections, replies, fact-checks, the edit alarm."""

    name = "warta.trust"
    label = "trust"
    verbose_name = _("Trust")

    def ready(self):
        # Imported here, not at the top: they load models, which Django allows
        # only once every app is loaded.
        from warta.articles.forms import register_publish_rule
        from warta.articles.modified import register_modified_source
        from warta.articles.page_context import register_article_context
        from warta.articles.page_panels import register_article_panels
        from warta.trust import corrections  # its admin views and hooks register on import
        from warta.trust.labels import trust_context
        from warta.trust.sources import SOURCES_PANEL, sources_rule

        register_article_panels("content", SOURCES_PANEL)
        register_publish_rule(sources_rule)
        register_modified_source(corrections.latest_note_times)
        register_article_context(trust_context)

        from wagtail.signals import page_published

        from warta.trust.old_edits_signals import on_article_published

        page_published.connect(on_article_published, dispatch_uid="trust-old-edit-alarm")

        # Imported here, not at the top: they load models.
        from warta.trust import factchecks, replies

        factchecks.register()
        replies.register()
