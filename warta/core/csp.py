"""Content-Security-Policy on every response, and the endpoint that logs violations.

django-csp 4 writes the header (settings.CONTENT_SECURITY_POLICY: the public
policy, `core/csp_policy.py`); this middleware swaps in the admin's policy
under /admin/ (settings.WARTA_CSP_ADMIN_DIRECTIVES: what Wagtail needs) and
adds the `Reporting-Endpoints` header that the `report-to` directive names.
Sits above WhiteNoise in MIDDLEWARE, so static files and media (an SVG is a
document too) carry it as well.
"""

import json
import logging
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from warta.core.csp_policy import REPORT_GROUP, REPORT_PATH, SELF

logger = logging.getLogger("warta.csp")

ADMIN_PREFIX = "/admin/"
REPORTING_ENDPOINTS = f'{REPORT_GROUP}="{REPORT_PATH}"'


class WartaCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.WARTA_CSP_ADMIN_DIRECTIVES
        elif getattr(request, "is_dummy", False):
            # Wagtail's preview runs the page through the middleware on a dummy
            # request for its public URL: the readers' policy, framed by the admin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Content-Security-Policy" in response:
            response.headers.setdefault("Reporting-Endpoints", REPORTING_ENDPOINTS)
        return response


# A report is a few hundred bytes; browsers batch a handful at most.
MAX_REPORT_BYTES = 16 * 1024
REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
# What is kept of each report: enough to find the page and what was blocked.
REPORT_FIELDS = {
    # report-uri (CSP2) names, then the Reporting API's.
    "document-uri": "document",
    "documentURL": "document",
    "violated-directive": "directive",
    "effective-directive": "directive",
    "effectiveDirective": "directive",
    "blocked-uri": "blocked",
    "blockedURL": "blocked",
    "source-file": "source",
    "sourceFile": "source",
    "line-number": "line",
    "lineNumber": "line",
    "script-sample": "sample",
    "sample": "sample",
    "disposition": "disposition",
}
MAX_FIELD = 200
# At most this many report lines a minute per process; past it one line says
# how many were dropped, so a page with a broken policy cannot flood the log.
MAX_LOG_LINES_PER_MINUTE = 60


class _LogBudget:
    def __init__(self, per_minute):
        self.per_minute = per_minute
        self.window = 0
        self.used = 0
        self.dropped = 0

    def take(self):
        window = int(time.monotonic() // 60)
        if window != self.window:
            if self.dropped:
                logger.warning("CSP violation reports not logged last minute: %d", self.dropped)
            self.window, self.used, self.dropped = window, 0, 0
        if self.used >= self.per_minute:
            self.dropped += 1
            return False
        self.used += 1
        return True


_budget = _LogBudget(MAX_LOG_LINES_PER_MINUTE)


def _violations(payload):
    """The reports' bodies, from either format; ValueError if it is neither."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list) and payload:
        bodies = [
            item.get("body")
            for item in payload
            if isinstance(item, dict) and item.get("type") == "csp-violation"
        ]
        if bodies and all(isinstance(body, dict) for body in bodies):
            return bodies
    raise ValueError("not a CSP report")


def _summary(violation):
    kept = {}
    for key, name in REPORT_FIELDS.items():
        value = violation.get(key)
        if value not in (None, "") and name not in kept:
            kept[name] = str(value)[:MAX_FIELD]
    return kept


def _problem(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def csp_report(request):
    """Logs the violations a browser reports (`report-uri` and `report-to` formats).

    Nothing is stored: one log line a violation, within a budget. A body that is
    too large is a 413, anything else than a CSP report a 400, never a 500.
    """
    content_type = request.content_type or ""
    if content_type not in REPORT_TYPES:
        return _problem(415, "Expected a CSP report (application/csp-report).")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_REPORT_BYTES:
        return _problem(413, "Report too large.")
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return _problem(413, "Report too large.")
    try:
        violations = _violations(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _problem(400, "Not a CSP report.")
    for violation in violations[:10]:
        if _budget.take():
            logger.warning("CSP violation %s", json.dumps(_summary(violation), sort_keys=True))
    return HttpResponse(status=204)
