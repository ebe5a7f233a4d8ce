"""The endpoint browsers send Content-Security-Policy violations to (``report-uri``).

Reports are small JSON documents sent without a CSRF token or cookie. Each one is logged
at WARNING (logger ``ec_site.csp``) with its fields cut short; bodies over
``MAX_BODY_BYTES`` are refused unread, and per client (``CSP_REPORTS_PER_CLIENT``) and in
all (``CSP_REPORTS_PER_MINUTE``) at most so many reports a minute are logged, so a noisy
or hostile client can neither fill the log nor the cache."""

import json
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from . import ratelimit
from .client_address import client_ip

logger = logging.getLogger("ec_site.csp")

MAX_BODY_BYTES = 16 * 1024
MAX_FIELD_LENGTH = 300
WINDOW = 60
FIELDS = (
    ("document-uri", "documentURL"),
    ("effective-directive", "effectiveDirective"),
    ("violated-directive", "effectiveDirective"),
    ("blocked-uri", "blockedURL"),
    ("source-file", "sourceFile"),
    ("line-number", "lineNumber"),
    ("disposition", "disposition"),
    ("script-sample", "sample"),
)


def _reports(payload):
    """The violation bodies of a ``report-uri`` report (``{"csp-report": {...}}``) or of
    a Reporting API batch (``[{"type": "csp-violation", "body": {...}}, ...]``)."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload[:10]
            if isinstance(item, dict) and isinstance(item.get("body"), dict)
        ]
    return []


def _summary(report):
    summary = {}
    for legacy, modern in FIELDS:
        value = report.get(legacy, report.get(modern))
        if value not in (None, "") and legacy not in summary:
            summary[legacy] = str(value)[:MAX_FIELD_LENGTH]
    return summary


@never_cache
@csrf_exempt  # browsers send reports without a token
def csp_report(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return HttpResponse(status=413)
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return HttpResponse(status=413)
    try:
        reports = _reports(json.loads(body))
    except (ValueError, UnicodeDecodeError):
        reports = []
    if not reports:
        return HttpResponse(status=400)
    if not (
        ratelimit.allowed("csp-client", client_ip(request), settings.CSP_REPORTS_PER_CLIENT, WINDOW)
        and ratelimit.allowed("csp-all", "all", settings.CSP_REPORTS_PER_MINUTE, WINDOW)
    ):
        return HttpResponse(status=429)
    for report in reports:
        logger.warning("CSP-Verstoß: %s", json.dumps(_summary(report), ensure_ascii=False))
    return HttpResponse(status=204)
