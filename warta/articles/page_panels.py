"""Editing panels that apps above articles add to the article page form.

Articles cannot import the apps above them, so those apps register panels in
their ``AppConfig.ready()``, before the first edit form is built::

    register_article_panels("content", InlinePanel("sources", label=_("Source")))

``tab`` is ``"content"``, ``"promote"`` or ``"settings"``; panels are appended to
that tab in registration order. The edit handler is built once per process
(Wagtail caches it), so registering after the first form has no effect.
"""

_panels: dict[str, list] = {"content": [], "promote": [], "settings": []}


def register_article_panels(tab: str, *panels) -> None:
    if tab not in _panels:
        raise ValueError(f"unknown tab {tab!r}: one of {sorted(_panels)}")
    _panels[tab].extend(panel for panel in panels if panel not in _panels[tab])


def registered_panels(tab: str) -> list:
    return list(_panels[tab])
