"""The API's errors: RFC 9457 problem documents, in Indonesian and in English.

The shape is the one Wagtail's own v3 API answers with (`type`, `title`,
`status`, `detail`, `errors`), so an integrator who knows one knows both.
`detail` is in Indonesian, the language of the publications; `detail_en`
says the same in English. Both are in every error rather than chosen from
Accept-Language, so an error, like any other answer, is the same bytes for
every client and can be cached.
"""

from http import HTTPStatus

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from warta.core.http import json_body

PROBLEM_JSON = "application/problem+json"

NOT_FOUND = _("There is nothing public with this address.")
UNKNOWN_PARAMETERS = _("Unknown query parameter(s): %(names)s.")
BAD_CURSOR = _("The cursor is not one this API gave out; start again without it.")
BAD_PARAMETERS = _("Some query parameters are not valid: %(names)s.")
UNKNOWN_SITE = _("There is no site with this number.")
BAD_REQUEST = _("This request cannot be answered (is its query string too long?).")
TOO_MANY_REQUESTS = _("Too many requests from this address; try again in a moment.")


class Problem(Schema):
    """What every error answers (`application/problem+json`)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    detail_en: str
    errors: list[dict] | None = None


class ApiError(Exception):
    """A 4xx answer: raised anywhere in the API, turned into a problem by `problem()`."""

    def __init__(self, status, message, **params):
        super().__init__(message)
        self.status = status
        self.message = message
        self.params = params


def in_language(message, language, params):
    with translation.override(language):
        text = str(message)
    return text % params if params else text


def problem(status, message, errors=None, **params):
    """A problem response for `status`; `message` is a lazy string, `params` fill it."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": in_language(message, "id", params),
        "detail_en": in_language(message, "en", params),
    }
    if errors:
        body["errors"] = errors
    return HttpResponse(json_body(body), status=status, content_type=PROBLEM_JSON)
