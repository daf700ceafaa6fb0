"""A database that blips answers 503 (or a retry), never a 500 page.

Django turns an exception raised anywhere below a middleware into the
`handler500` response, inside the `except` block, so `server_error` can see
what was raised. When that is the database going away — a dropped PostgreSQL
connection (a failover, a restart, a pooler restart), or SQLite's "database
is locked" after the busy timeout — the answer is a 503 with `Retry-After`
and a message in the reader's language. `RetryOnDatabaseOutageMiddleware`,
outermost, then runs a safe request (GET, HEAD) once more on fresh
connections, so a reader usually never sees the blip at all.
"""

import logging
import sqlite3
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
SAFE_METHODS = frozenset({"GET", "HEAD"})


def is_database_outage(error):
    """True for errors that mean "the database is unreachable or busy", not a bug."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.__cause__, sqlite3.OperationalError):
        # SQLite raises OperationalError for bugs too ("no such column"):
        # only a lock held past the busy timeout is an outage.
        message = str(error).lower()
        return "locked" in message or "busy" in message
    return True


def unavailable_response():
    """The 503 page, rendered without a request context (the database is what broke)."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_outage = True
    return response


def current_outage():
    """The 503 response if the exception being handled is a database outage, else None."""
    error = sys.exc_info()[1]
    if error is not None and is_database_outage(error):
        return unavailable_response()
    return None


def drop_broken_connections():
    """Close the connections that failed, so the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


class RetryOnDatabaseOutageMiddleware:
    """Runs a safe request once more when the database dropped it; first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "database_outage", False) and request.method in SAFE_METHODS:
            drop_broken_connections()
            logger.info("Database outage during %s %s: retrying once", request.method, request.path)
            response = self.get_response(request)
        if getattr(response, "database_outage", False):
            drop_broken_connections()
        return response
