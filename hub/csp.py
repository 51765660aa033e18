"""Content-Security-Policy violation reports: browsers post them here and the hub logs them.

django-csp sends the policy (settings.CONTENT_SECURITY_POLICY); its `report-uri` directive points
here. Two formats are read: the `report-uri` one, {"csp-report": {...}} as application/csp-report,
and the Reporting API's list of {"type": "csp-violation", "body": {...}} as application/reports+json,
should the policy also name a `report-to` group. Anyone can post, so a body is capped, each value
is shortened and cleared of control characters before it reaches the log, and one client may send
so many reports a minute (the "csp-report" limit of settings.HUB_RATE_LIMITS; refused while the
shared cache is down: losing a report is better than flooding the log).
"""

import json
import logging
import re

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hub import ratelimit

logger = logging.getLogger("hub.csp")
MAX_BODY = 16 * 1024
MAX_VALUE = 300
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What a log line says, and where each format keeps it (report-uri's name first, Reporting API's second).
FIELDS = {
    "directive": ("effective-directive", "violated-directive", "effectiveDirective"),
    "blocked": ("blocked-uri", "blockedURL"),
    "document": ("document-uri", "documentURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
}


def violations(body: bytes) -> list[dict]:
    """The violation reports in a body of either format; ValueError when it is neither."""
    data = json.loads(body)
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [data["csp-report"]]
    if isinstance(data, list):
        found = [item.get("body") for item in data if isinstance(item, dict) and item.get("type") == "csp-violation"]
        if found and all(isinstance(item, dict) for item in found):
            return found
    raise ValueError("not a CSP violation report")


def summary(report: dict) -> dict[str, str]:
    """The fields a log line shows, each shortened and stripped of control characters."""
    result = {}
    for label, keys in FIELDS.items():
        value = next((report[key] for key in keys if report.get(key) not in (None, "")), "-")
        result[label] = CONTROL.sub(" ", str(value))[:MAX_VALUE]
    return result


@csrf_exempt  # browsers post reports without a token; nothing here changes state
@require_POST
@ratelimit.limit("csp-report")
def report(request):
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY or len(request.body) > MAX_BODY:
        return HttpResponse("A report is at most 16 KB.", status=413, content_type="text/plain")
    try:
        found = violations(request.body)
    except ValueError:
        return HttpResponse("Not a CSP violation report.", status=400, content_type="text/plain")
    for item in found:
        logger.warning(
            "CSP violation: %(directive)s blocked %(blocked)s on %(document)s (%(source)s line %(line)s)",
            summary(item),
        )
    return HttpResponse(status=204)
