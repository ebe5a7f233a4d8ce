"""The feedback form under abuse (issue 13): posts per client limited with a German 429,
length limits per field, and mails from a retrying outbox, so a failing mail server
neither loses nor repeats a message and the visitor is told the truth."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from legal import outbox
from legal.models import FeedbackMail
from tests.factories.legal import AccessibilityStatementPageFactory
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db
MESSAGE = "Die Tabellen der Gebietslisten haben keine Überschriften."
TRUTHFUL = "Ihre Nachricht ist gespeichert und wird an die Redaktion weitergeleitet."


@pytest.fixture
def statement():
    return AccessibilityStatementPageFactory(
        to_address="barrierefrei@example.org",
        fields=[
            ("Ihre Nachricht", "multiline", True),
            ("Ihr Name", "singleline", False),
            ("Ihre E-Mail-Adresse", "email", False),
        ],
    )


def post(client, page, ip="192.0.2.10", **data):
    data.setdefault("ihre_nachricht", MESSAGE)
    return client.post(f"{page.url}feedback/", data, REMOTE_ADDR=ip)


def sent_later(seconds):
    """Run the periodic outbox command ``seconds`` from now."""
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False):
        call_command("send_feedback_mails", stdout=StringIO())


# Rate limit


def test_fifteen_posts_in_a_row_meet_a_429(client, statement):
    statuses = [
        post(client, statement, ihre_nachricht=f"{MESSAGE} {n}").status_code for n in range(15)
    ]
    assert 429 in statuses
    assert set(statuses) == {200, 429}
    assert FormSubmission.objects.count() == statuses.count(200)
    assert len(mail.outbox) == statuses.count(200)


def test_the_429_answer_is_german_and_keeps_the_text(client, statement, settings):
    settings.FEEDBACK_POSTS_PER_CLIENT = 1
    assert post(client, statement).status_code == 200
    response = post(client, statement, ihre_nachricht="Mein zweiter, noch nicht gespeicherter Text")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Zu viele Nachrichten in kurzer Zeit" in html
    assert "Ihre Nachricht wurde nicht gespeichert. Bitte warten Sie eine Minute" in html
    assert "Mein zweiter, noch nicht gespeicherter Text</textarea>" in html
    assert FormSubmission.objects.count() == 1


def test_the_limit_is_per_client_and_ends_with_the_window(client, statement, settings):
    settings.FEEDBACK_POSTS_PER_CLIENT = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert [post(client, statement).status_code for _ in range(3)] == [200, 200, 429]
        assert post(client, statement, ip="192.0.2.99").status_code == 200
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert post(client, statement).status_code == 200


def test_invalid_posts_count_too(client, statement, settings):
    settings.FEEDBACK_POSTS_PER_CLIENT = 2
    assert post(client, statement, ihre_nachricht="").status_code == 200
    assert post(client, statement, ihre_nachricht="").status_code == 200
    assert post(client, statement).status_code == 429


def test_posts_go_through_when_the_cache_fails(client, statement):
    redis_down = {
        "BACKEND": "ec_site.cache_backends.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    caches = dict.fromkeys(["default", "template_fragments", "content_version"], redis_down)
    with override_settings(CACHES=caches, FEEDBACK_POSTS_PER_CLIENT=1):
        assert [post(client, statement).status_code for _ in range(3)] == [200, 200, 200]
    assert FormSubmission.objects.count() == 3


# Length limits


def test_over_long_fields_are_refused_in_german(client, statement, settings):
    response = post(
        client,
        statement,
        ihre_nachricht="x" * (settings.FEEDBACK_MAX_MESSAGE_LENGTH + 1),
        ihr_name="N" * 256,
        ihre_e_mail_adresse="a" * 250 + "@example.org",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    limit = settings.FEEDBACK_MAX_MESSAGE_LENGTH
    assert (
        f"Ihre Nachricht: Bitte kürzen Sie Ihre Eingabe auf höchstens {limit} Zeichen "
        f"(jetzt sind es {limit + 1})." in html
    )
    assert "Ihr Name: Bitte kürzen Sie Ihre Eingabe auf höchstens 255 Zeichen" in html
    assert "Ihre E-Mail-Adresse: Bitte kürzen Sie Ihre Eingabe auf höchstens 254 Zeichen" in html
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_limits_are_in_the_html_too(client, statement, settings):
    settings.FEEDBACK_MAX_MESSAGE_LENGTH = 3000
    html = client.get(f"{statement.url}feedback/").content.decode()
    assert 'maxlength="3000"' in html and "Höchstens 3.000 Zeichen." in html
    assert 'name="ihr_name" maxlength="255"' in html
    assert 'maxlength="254"' in html


# Outbox


def test_the_mail_goes_out_once_through_the_outbox(client, statement):
    response = post(client, statement, ihre_e_mail_adresse="leserin@example.org")
    assert TRUTHFUL in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].reply_to == ["leserin@example.org"]
    row = FeedbackMail.objects.get()
    assert row.status == FeedbackMail.Status.SENT and row.attempts == 1 and row.sent_at
    sent_later(3600)
    assert len(mail.outbox) == 1


def test_smtp_down_stores_the_message_and_sends_it_later_exactly_once(client, statement):
    sink = SmtpSink()  # not started yet: nobody listens on its port
    with override_settings(**sink.settings()):
        response = post(client, statement)
        assert response.status_code == 200
        assert TRUTHFUL in response.content.decode()
        submission = FormSubmission.objects.get()
        assert submission.form_data["ihre_nachricht"] == MESSAGE
        row = FeedbackMail.objects.get(submission=submission)
        assert row.status == FeedbackMail.Status.PENDING and row.attempts == 1
        assert "Connection" in row.error
        with sink:
            sent_later(1)  # not due yet
            assert sink.handler.messages == []
            sent_later(61)
            sent_later(120)  # nothing left for a second run
            sent_later(100_000)
    assert len(sink.handler.messages) == 1
    recipients, message = sink.handler.messages[0]
    assert recipients == ["barrierefrei@example.org"]
    assert MESSAGE in message.get_content()
    row.refresh_from_db()
    assert row.status == FeedbackMail.Status.SENT and row.attempts == 2


def test_temporary_refusals_are_retried_until_the_last_delay(client, statement, settings):
    settings.FEEDBACK_MAIL_RETRY_DELAYS = [60, 600]
    with SmtpSink() as sink, override_settings(**sink.settings()):
        sink.handler.temporary["barrierefrei@example.org"] = 10
        assert post(client, statement).status_code == 200
        row = FeedbackMail.objects.get()
        assert (row.status, row.attempts) == (FeedbackMail.Status.PENDING, 1)
        sent_later(61)
        row.refresh_from_db()
        assert (row.status, row.attempts) == (FeedbackMail.Status.PENDING, 2)
        sent_later(61 + 601)
        row.refresh_from_db()
        assert (row.status, row.attempts) == (FeedbackMail.Status.FAILED, 3)
        assert "451" in row.error
        sent_later(100_000)
    assert sink.handler.messages == []
    assert FormSubmission.objects.count() == 1


class BrokenOnTheWayBackend(BaseEmailBackend):
    """Connects, then loses the connection while the mail is being handed over."""

    def open(self):
        self.connection = object()
        return True

    def send_messages(self, messages):
        raise ConnectionResetError("Verbindung beim Übertragen abgebrochen")


def test_a_mail_that_may_have_arrived_is_never_sent_again(client, statement):
    with override_settings(EMAIL_BACKEND=f"{__name__}.BrokenOnTheWayBackend"):
        assert post(client, statement).status_code == 200
    row = FeedbackMail.objects.get()
    assert row.status == FeedbackMail.Status.UNCERTAIN
    sent_later(100_000)
    assert mail.outbox == []


def test_a_claimed_mail_is_sent_by_one_worker_only(statement):
    submission = FormSubmission.objects.create(page=statement, form_data={"x": "y"})
    row = FeedbackMail.objects.create(
        submission=submission, subject="S", body="B", from_email="a@example.org", to="b@example.org"
    )
    assert outbox.send(row.pk) == FeedbackMail.Status.SENT
    assert outbox.send(row.pk) is None
    assert len(mail.outbox) == 1


def test_a_mail_left_in_sending_by_a_crashed_worker_becomes_uncertain(statement):
    submission = FormSubmission.objects.create(page=statement, form_data={"x": "y"})
    row = FeedbackMail.objects.create(
        submission=submission,
        subject="S",
        body="B",
        from_email="a@example.org",
        to="b@example.org",
        status=FeedbackMail.Status.SENDING,
        claimed_at=timezone.now(),
    )
    sent_later(60)
    row.refresh_from_db()
    assert row.status == FeedbackMail.Status.SENDING
    sent_later(3600)
    row.refresh_from_db()
    assert row.status == FeedbackMail.Status.UNCERTAIN
    assert mail.outbox == []


# The worker closes database connections that are inside a transaction (PostgreSQL): this
# test commits, as production does.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_queue_sends_through_the_worker(client, statement, settings):
    settings.TASKS = {
        **settings.TASKS,
        "feedback": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []},
    }
    assert post(client, statement).status_code == 200
    assert mail.outbox == []  # queued, not sent in the request
    assert FeedbackMail.objects.get().status == FeedbackMail.Status.PENDING
    call_command(
        "db_worker",
        "--backend",
        "feedback",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert len(mail.outbox) == 1
    assert FeedbackMail.objects.get().status == FeedbackMail.Status.SENT


def test_the_honeypot_still_stores_and_sends_nothing(client, statement):
    response = post(client, statement, webseite="http://spam.example")
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0 and FeedbackMail.objects.count() == 0
