"""The Content Security Policy (django-csp) and the endpoint that logs the violations browsers report."""

import json
import logging
import socket

import pytest

from settings.env import caches_config

pytestmark = pytest.mark.django_db

REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "http://testserver/wiki/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "http://testserver/wiki/",
        "line-number": 12,
    }
}
REPORTING_API_BODY = [
    {
        "type": "csp-violation",
        "url": "http://testserver/questions/",
        "body": {
            "documentURL": "http://testserver/questions/",
            "effectiveDirective": "img-src",
            "blockedURL": "http://tracker.example/pixel.gif",
            "sourceFile": "http://testserver/static/js/hub.js",
            "lineNumber": 3,
        },
    },
    {"type": "deprecation", "body": {"id": "something-else"}},
    {
        "type": "csp-violation",
        "body": {"documentURL": "http://testserver/", "effectiveDirective": "style-src-attr", "blockedURL": "inline"},
    },
]


def post(client, body, content_type="application/csp-report"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post("/csp-report/", data=data, content_type=content_type)


def violations_logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "hub.csp"]


def test_public_pages_send_the_strict_policy_with_its_report_address(client):
    response = client.get("/about/")
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["report-uri"] == "/csp-report/"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert response["Referrer-Policy"] == "same-origin"


def test_error_pages_send_the_policy_too(client):
    response = client.get("/no-such-page-here/")
    assert (response.status_code, "script-src 'self'" in response["Content-Security-Policy"]) == (404, True)


def test_the_admins_keep_their_own_needs(client, superuser):
    client.force_login(superuser)
    for path in ("/admin/", "/admin/pages/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" not in response, path


def test_a_report_uri_report_is_logged_with_what_was_blocked_where(client, caplog):
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        response = post(client, REPORT_URI_BODY)
    assert response.status_code == 204
    assert violations_logged(caplog) == [
        "CSP violation: script-src-elem blocked inline on http://testserver/wiki/ (http://testserver/wiki/ line 12)"
    ]


def test_reporting_api_batches_log_each_csp_violation_and_ignore_other_reports(client, caplog):
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        response = post(client, REPORTING_API_BODY, "application/reports+json")
    assert response.status_code == 204
    assert violations_logged(caplog) == [
        "CSP violation: img-src blocked http://tracker.example/pixel.gif on http://testserver/questions/ "
        "(http://testserver/static/js/hub.js line 3)",
        "CSP violation: style-src-attr blocked inline on http://testserver/ (- line -)",
    ]


def test_values_cannot_forge_log_lines_or_flood_them(client, caplog):
    body = {"csp-report": {"blocked-uri": "inline\nCSP violation: forged line", "document-uri": "x" * 5000}}
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        post(client, body)
    [line] = violations_logged(caplog)
    assert "\n" not in line and "inline CSP violation: forged line" in line
    assert len(line) < 700


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        ({"something": "else"}, 400),
        ([{"type": "deprecation", "body": {}}], 400),
        ({"csp-report": {"blocked-uri": "x" * 20_000}}, 413),
    ],
)
def test_bad_reports_are_refused_with_a_clear_status_and_not_logged(client, caplog, body, status):
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        response = post(client, body)
    assert response.status_code == status
    assert violations_logged(caplog) == []


def test_only_posts_are_taken(client):
    assert client.get("/csp-report/").status_code == 405


def test_one_client_may_send_so_many_reports_a_minute(client, caplog, settings):
    limits = settings.HUB_RATE_LIMITS
    settings.HUB_RATE_LIMITS = {**limits, "csp-report": {**limits["csp-report"], "rate": "3/m"}}
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        statuses = [post(client, REPORT_URI_BODY).status_code for _ in range(5)]
        other = client.post(
            "/csp-report/", json.dumps(REPORT_URI_BODY), "application/csp-report", REMOTE_ADDR="10.1.2.3"
        )
    assert statuses == [204, 204, 204, 429, 429]
    assert other.status_code == 204  # another client has its own count
    assert len(violations_logged(caplog)) == 4


def test_with_the_cache_down_reports_are_refused_rather_than_flooding_the_log(client, caplog, settings):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    settings.CACHES = caches_config(f"redis://127.0.0.1:{dead}/0")
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        response = post(client, REPORT_URI_BODY)
    assert response.status_code == 429
    assert violations_logged(caplog) == []


def test_reports_are_counted_per_visitor_behind_the_trusted_proxy_only(client, settings):
    limits = settings.HUB_RATE_LIMITS
    settings.HUB_RATE_LIMITS = {**limits, "csp-report": {**limits["csp-report"], "rate": "2/m"}}
    settings.HUB_TRUSTED_PROXIES = ["10.0.0.5"]
    body = json.dumps(REPORT_URI_BODY)

    def send(remote, forwarded):
        extra = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}
        return client.post("/csp-report/", body, "application/csp-report", **extra).status_code

    assert [send("10.0.0.5", "203.0.113.7") for _ in range(3)] == [204, 204, 429]
    assert send("10.0.0.5", "203.0.113.8") == 204  # another visitor behind the same proxy
    # Straight from a visitor, a forged header is not believed: one count, whatever it claims.
    assert [send("198.51.100.9", f"203.0.113.{n}") for n in range(3)] == [204, 204, 429]
