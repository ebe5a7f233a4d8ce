"""The CSP report endpoint (/csp-report/): browsers' reports are logged at WARNING, without
CSRF token, size-limited and with a bounded number per client and minute."""

import json
import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

REPORT = {
    "csp-report": {
        "document-uri": "https://www.example.org/basisinfo/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "https://www.example.org/basisinfo/",
        "line-number": 12,
        "disposition": "enforce",
    }
}


def send(body, ip="192.0.2.1", content_type="application/csp-report"):
    client = Client(enforce_csrf_checks=True)
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/csp-report/", data, content_type=content_type, REMOTE_ADDR=ip)


def logged(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "ec_site.csp"]


def test_a_report_is_logged_at_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="ec_site.csp"):
        response = send(REPORT)
    assert response.status_code == 204
    [line] = logged(caplog)
    assert line.startswith("CSP-Verstoß: ")
    assert '"blocked-uri": "inline"' in line and "/basisinfo/" in line
    assert caplog.records[0].levelno == logging.WARNING


def test_reporting_api_batches_are_understood(caplog):
    batch = [
        {"type": "csp-violation", "body": {"documentURL": "https://x/", "blockedURL": "eval"}},
        {"type": "csp-violation", "body": {"documentURL": "https://x/a/", "blockedURL": "inline"}},
    ]
    with caplog.at_level(logging.WARNING, logger="ec_site.csp"):
        assert send(batch, content_type="application/reports+json").status_code == 204
    assert len(logged(caplog)) == 2


def test_fields_are_cut_short(caplog):
    long = {"csp-report": {**REPORT["csp-report"], "blocked-uri": "https://x/" + "a" * 5000}}
    with caplog.at_level(logging.WARNING, logger="ec_site.csp"):
        send(long)
    assert len(logged(caplog)[0]) < 1500


@pytest.mark.parametrize("body", [b"kein json", b"{}", b"[1, 2]", b'{"csp-report": "x"}'])
def test_other_bodies_are_refused(body, caplog):
    with caplog.at_level(logging.WARNING, logger="ec_site.csp"):
        assert send(body).status_code == 400
    assert logged(caplog) == []


def test_big_bodies_are_refused_unread(caplog):
    big = {"csp-report": {**REPORT["csp-report"], "script-sample": "x" * 20_000}}
    with caplog.at_level(logging.WARNING, logger="ec_site.csp"):
        assert send(big).status_code == 413
    assert logged(caplog) == []


def test_only_post():
    assert Client().get("/csp-report/").status_code == 405


def test_reports_per_client_and_in_all_are_bounded(settings, caplog):
    settings.CSP_REPORTS_PER_CLIENT = 2
    settings.CSP_REPORTS_PER_MINUTE = 3
    with caplog.at_level(logging.WARNING, logger="ec_site.csp"):
        assert [send(REPORT).status_code for _ in range(3)] == [204, 204, 429]
        assert send(REPORT, ip="192.0.2.2").status_code == 204
        assert send(REPORT, ip="192.0.2.3").status_code == 429  # the minute's total is used up
    assert len(logged(caplog)) == 3
