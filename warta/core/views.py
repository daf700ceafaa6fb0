"""Error pages in the reader's language, without a database query where it matters.

A higher app whose URLs answer machines rather than readers (the read API)
registers its own error answer for its path prefix (`register_error_answer`,
in its `AppConfig.ready()`), so a 400 from a middleware or a 404 for an
unknown URL under that prefix is in the API's format, not an HTML page.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from warta.core.outage import current_outage

_error_answers = {}


def register_error_answer(prefix, answer):
    """`answer(request, status)` gives the 400 and 404 responses for paths under `prefix`."""
    _error_answers[prefix] = answer


def registered_answer(request):
    for prefix, answer in _error_answers.items():
        if request.path.startswith(prefix):
            return answer
    return None


def page_not_found(request, exception=None):
    answer = registered_answer(request)
    if answer is not None:
        return answer(request, 404)
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    answer = registered_answer(request)
    if answer is not None:
        return answer(request, 400)
    return render(request, "400.html", status=400)


def server_error(request):
    # A database that went away or is locked is a 503 with Retry-After (core/outage.py).
    outage = current_outage()
    if outage is not None:
        return outage
    # Rendered without a request context: whatever broke may be the database.
    return HttpResponseServerError(loader.get_template("500.html").render())
