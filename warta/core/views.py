"""Error pages in the reader's language, without a database query where it matters."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def server_error(request):
    # Rendered without a request context: whatever broke may be the database.
    return HttpResponseServerError(loader.get_template("500.html").render())
