"""What apps above articles add to an article page's template context.

Articles cannot import the apps above them, so those apps register a
contributor in their ``AppConfig.ready()``::

    register_article_context(related_reads_context)

A contributor takes ``(page, request)`` and returns a dict merged into the
context, in a fixed, small number of queries (the article page's query count
is tested). The article template includes what a contributor's keys name only
when they are set, so without the higher app the page renders as before.

The keys the article template knows (article_page.html):

- ``related_inline``, ``related_reads`` (discovery): "BACA JUGA" and the end list
- ``trust_top`` → ``trust/article_top.html`` (correction notes, trust labels), after the header
- ``trust_factcheck`` → ``trust/factcheck_box.html`` (the claim and verdict), before the body
- ``trust_end`` → ``trust/article_end.html`` (sources, standards links), after the body
- ``trust_replies`` → ``trust/article_replies.html`` (right of reply: link and published replies)
- ``claim_review_data`` (a dict or list of dicts) → one more JSON-LD script in the head
"""

from collections.abc import Callable

ArticleContext = Callable[[object, object], dict]

_contributors: list[ArticleContext] = []


def register_article_context(contributor: ArticleContext) -> None:
    if contributor not in _contributors:
        _contributors.append(contributor)


def contributed_context(page, request) -> dict:
    context = {}
    for contributor in _contributors:
        context.update(contributor(page, request))
    return context
