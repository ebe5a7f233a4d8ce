"""Sending an issue: one delivery per subscriber, never twice (resume after a crash,
second command run), list headers, accessible multipart mails, bounces and retries,
against Django's locmem backend and a real local SMTP server (aiosmtpd)."""

import datetime
import io
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from newsletter import sending
from newsletter.models import ConsentEvent, Delivery, Sending, Subscriber
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db
Status = Delivery.Status


@pytest.fixture
def smtp_sink():
    with SmtpSink() as sink, override_settings(**sink.settings()):
        yield sink


def send(page_id):
    out = io.StringIO()
    call_command("send_newsletter", page_id, stdout=out)
    return out.getvalue()


def test_send_newsletter_delivers_once_to_each_confirmed_subscriber(home_page):
    issue = NewsletterIssuePageFactory()
    confirmed = SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)

    output = send(issue.pk)
    assert "Versand gestartet: 3 Empfänger*innen." in output
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in confirmed)
    deliveries = Delivery.objects.filter(sending__issue=issue)
    assert {d.status for d in deliveries} == {Status.SENT}
    for delivery in deliveries:
        assert delivery.sent_at is not None
        assert delivery.message_id.startswith("<") and delivery.message_id.endswith(">")
    assert Sending.objects.get(issue=issue).finished_at is not None

    # Again: nothing new, also not for a subscriber who confirmed after the start.
    SubscriberFactory()
    output = send(issue.pk)
    assert "Versand wird fortgesetzt." in output
    assert len(mail.outbox) == 3


def test_issue_mail_has_list_headers_and_accessible_multipart_body(home_page):
    issue = NewsletterIssuePageFactory(title="Ausgabe Dezember")
    subscriber = SubscriberFactory()
    send(issue.pk)
    (message,) = mail.outbox
    built = message.message()
    unsubscribe = built["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/newsletter/abmelden/")
    assert ", <mailto:" in unsubscribe
    assert built["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert built["List-Id"] == "E&C Newsletter <newsletter.testserver>"
    assert built["Date"]
    assert built["Message-ID"] == Delivery.objects.get().message_id
    assert message.subject == "E&C Newsletter: Ausgabe Dezember"

    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="de">' in html
    assert "<h1>Ausgabe Dezember</h1>" in html and "<h2>Aus der Regiestelle</h2>" in html
    assert "<table" not in html
    assert '<a href="https://example.org/x">Link</a>' in html  # untracked, as written
    assert f"{issue.url}" in html  # the web version
    assert "Link (https://example.org/x)" in message.body
    assert "Newsletter abbestellen: http://testserver/newsletter/abmelden/" in message.body

    # The header's URL unsubscribes with one POST.
    url = unsubscribe.split(">")[0].removeprefix("<http://testserver")
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_image_blocks_keep_their_alt_text(home_page):
    from wagtail_factories import ImageFactory

    image = ImageFactory()
    issue = NewsletterIssuePageFactory(
        body=[
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Gruppenfoto der Konferenz",
                    "caption": "",
                },
            }
        ]
    )
    SubscriberFactory()
    send(issue.pk)
    (message,) = mail.outbox
    assert 'alt="Gruppenfoto der Konferenz"' in message.alternatives[0][0]
    assert 'src="http://testserver/' in message.alternatives[0][0]
    assert "[Bild: Gruppenfoto der Konferenz]" in message.body


class CrashingBackend(LocmemBackend):
    """Dies like a killed worker after a number of mails."""

    crash_after = 3

    def send_messages(self, messages):
        if len(mail.outbox) >= self.crash_after:
            raise KeyboardInterrupt("worker killed")
        return super().send_messages(messages)


@override_settings(NEWSLETTER_BATCH_SIZE=5)
def test_resume_after_a_crash_sends_nobody_twice(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(12)
    started = sending.start(issue)
    crashing = override_settings(EMAIL_BACKEND="tests.test_newsletter_sending.CrashingBackend")
    with crashing, pytest.raises(KeyboardInterrupt):
        sending.run(started.pk)
    assert len(mail.outbox) == 3
    # The killed worker's batch: 3 sent, 2 claimed but not known to be sent.
    assert started.counts()[Status.SENDING] == 2

    # Within the claim timeout another worker leaves them alone (they may still be on
    # their way); after it they become uncertain and are never sent again.
    sending.run(started.pk)
    assert started.counts()[Status.SENDING] == 2
    Delivery.objects.filter(status=Status.SENDING).update(
        claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    sending.run(started.pk)
    counts = started.counts()
    assert counts[Status.UNCERTAIN] == 2 and counts[Status.SENT] == 10
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 10
    assert send(issue.pk).count("Ungewiss (nach Abbruch): 2") == 1
    assert len(mail.outbox) == 10


def test_send_newsletter_abgebrochen_marks_claimed_rows_uncertain_at_once(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(2)
    started = sending.start(issue)
    Delivery.objects.filter(pk=started.deliveries.first().pk).update(
        status=Status.SENDING, claimed_at=timezone.now()
    )
    out = io.StringIO()
    call_command("send_newsletter", issue.pk, "--abgebrochen", stdout=out)
    assert "1 Zustellung(en) als ungewiss markiert." in out.getvalue()
    assert len(mail.outbox) == 1


def test_subscriber_who_unsubscribes_during_the_sending_is_skipped(home_page):
    issue = NewsletterIssuePageFactory()
    leaving, staying = SubscriberFactory.create_batch(2)
    started = sending.start(issue)
    Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    sending.run(started.pk)
    assert [m.to for m in mail.outbox] == [[staying.email]]
    assert started.deliveries.get(subscriber=leaving).status == Status.SKIPPED


def test_start_refuses_a_second_recipient_list(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(2)
    sending.start(issue)
    with pytest.raises(sending.AlreadyStarted):
        sending.start(issue)
    assert Delivery.objects.count() == 2


def test_real_smtp_server_receives_the_mails_with_their_headers(home_page, smtp_sink):
    issue = NewsletterIssuePageFactory()
    subscribers = SubscriberFactory.create_batch(2)
    send(issue.pk)
    assert sorted(smtp_sink.handler.recipients()) == sorted(s.email for s in subscribers)
    _, message = smtp_sink.handler.messages[0]
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith("<http://testserver/newsletter/abmelden/")
    assert message["List-Id"] and message["Date"]
    assert message["Message-ID"] in set(Delivery.objects.values_list("message_id", flat=True))
    assert send(issue.pk) and len(smtp_sink.handler.messages) == 2


def test_permanent_refusal_marks_the_address_bounced(home_page, smtp_sink):
    issue = NewsletterIssuePageFactory()
    good = SubscriberFactory(email="gut@example.org")
    bad = SubscriberFactory(email="weg@example.org")
    smtp_sink.handler.permanent.add("weg@example.org")
    send(issue.pk)
    assert smtp_sink.handler.recipients() == ["gut@example.org"]
    bad.refresh_from_db()
    assert bad.status == Subscriber.Status.BOUNCED
    delivery = Delivery.objects.get(subscriber=bad)
    assert delivery.status == Status.FAILED and "550" in delivery.error
    event = bad.consent_events.get()
    assert event.kind == ConsentEvent.Kind.BOUNCED and event.channel == "SMTP 550"
    good.refresh_from_db()
    assert good.status == Subscriber.Status.CONFIRMED


def test_temporary_refusal_is_retried_then_given_up(home_page, smtp_sink):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory(email="spaeter@example.org")
    SubscriberFactory(email="nie@example.org")
    smtp_sink.handler.temporary["spaeter@example.org"] = 1
    smtp_sink.handler.temporary["nie@example.org"] = 99
    send(issue.pk)
    assert smtp_sink.handler.recipients() == ["spaeter@example.org"]
    later = Delivery.objects.get(subscriber__email="spaeter@example.org")
    assert later.status == Status.SENT and later.attempts == 2
    never = Delivery.objects.get(subscriber__email="nie@example.org")
    # Two retries (NEWSLETTER_RETRY_DELAYS in the test settings), then failed; not bounced.
    assert never.status == Status.FAILED and never.attempts == 3 and "451" in never.error
    assert Subscriber.objects.get(email="nie@example.org").status == Subscriber.Status.CONFIRMED


def test_unreachable_smtp_server_leaves_rows_for_a_retry(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory()
    started = sending.start(issue)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=1,
        NEWSLETTER_RETRY_DELAYS=[3600],
    ):
        sending.run(started.pk, max_wait=0)
    delivery = started.deliveries.get()
    assert delivery.status == Status.RETRY and delivery.next_attempt_at > timezone.now()
    assert started.finished_at is None


class DisconnectingBackend(LocmemBackend):
    """The server hangs up while the mail is handed over (it may have arrived)."""

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_connection_lost_while_handing_over_is_uncertain_and_not_retried(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory()
    started = sending.start(issue)
    with override_settings(EMAIL_BACKEND="tests.test_newsletter_sending.DisconnectingBackend"):
        sending.run(started.pk)
    delivery = started.deliveries.get()
    assert delivery.status == Status.UNCERTAIN and "SMTPServerDisconnected" in delivery.error
    sending.run(started.pk)
    assert not mail.outbox
    started.refresh_from_db()
    assert started.finished_at is not None


@override_settings(NEWSLETTER_MAILS_PER_MINUTE=1200)
def test_mails_per_minute_are_limited(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(5)
    began = time.monotonic()
    send(issue.pk)
    assert time.monotonic() - began >= 0.2  # 5 mails at one per 50 ms
    assert len(mail.outbox) == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="select_for_update(skip_locked) needs PostgreSQL"
)
def test_concurrent_workers_claim_disjoint_rows(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(6)
    started = sending.start(issue)
    claimed, holding, release = {}, threading.Event(), threading.Event()

    def first_worker():
        try:
            with transaction.atomic():
                claimed["a"] = sending.claim(started, 3)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    assert holding.wait(10)
    claimed["b"] = sending.claim(started, 3)
    release.set()
    thread.join()
    first = {row.pk for row in claimed["a"]}
    second = {row.pk for row in claimed["b"]}
    assert len(first) == len(second) == 3 and not first & second


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="select_for_update(skip_locked) needs PostgreSQL"
)
@override_settings(NEWSLETTER_BATCH_SIZE=3)
def test_two_workers_together_send_each_mail_once(home_page):
    issue = NewsletterIssuePageFactory()
    SubscriberFactory.create_batch(30)
    started = sending.start(issue)

    def worker():
        try:
            sending.run(started.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 30


def test_done_when_scenario_against_a_local_smtp_sink(client, home_page, smtp_sink):
    """Issue 14's acceptance run: three sign-ups, two confirmations, the demo issue sent
    by the command to exactly two, a second run sends nothing, one-click POST is 200."""
    from newsletter import demo
    from newsletter.models import NewsletterIssuePage

    demo.build(io.StringIO())
    issue = NewsletterIssuePage.objects.get()
    addresses = ["eins@example.org", "zwei@example.org", "drei@example.org"]
    for number, address in enumerate(addresses):
        response = client.post(
            "/newsletter/abonnieren/",
            {"email": address, "consent": "on"},
            REMOTE_ADDR=f"192.0.2.{number}",
        )
        assert response.status_code == 302
    confirmations = smtp_sink.handler.messages
    assert len(confirmations) == 3
    for _, message in confirmations[:2]:
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = body.split("http://testserver", 1)[1].split()[0]
        assert client.post(link).status_code == 200
    smtp_sink.handler.messages.clear()

    send(issue.pk)
    assert sorted(smtp_sink.handler.recipients()) == ["eins@example.org", "zwei@example.org"]
    for _, message in smtp_sink.handler.messages:
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "<http://testserver/newsletter/abmelden/" in message["List-Unsubscribe"]
    send(issue.pk)
    assert len(smtp_sink.handler.messages) == 2

    _, message = smtp_sink.handler.messages[0]
    url = message["List-Unsubscribe"].strip().split(">")[0].removeprefix("<http://testserver")
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not response.has_header("Location")
    reader = client.__class__()
    assert not reader.get("/").cookies


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reading_pages_stay_page_cached_and_cookie_free(home_page):
    from django.test import Client

    from ec_site.page_cache import served_from_cache

    hits = []

    def count(sender, request, **kwargs):
        hits.append(request.path)

    served_from_cache.connect(count)
    try:
        with override_settings(PAGE_CACHE_ENABLED=True):
            reader = Client()
            first, second = reader.get("/"), reader.get("/")
            assert not first.cookies and not second.cookies
            assert 'href="/newsletter/abonnieren/"' in second.content.decode()
            assert hits == ["/"]
            signup = reader.get("/newsletter/abonnieren/")
            assert set(signup.cookies) == {"csrftoken"}
            reader.get("/newsletter/abonnieren/")
            assert hits == ["/"]  # the form page is never stored
    finally:
        served_from_cache.disconnect(count)


def test_the_task_schedules_itself_for_retries_further_off(home_page):
    from django_tasks import task_backends

    from newsletter import tasks

    issue = NewsletterIssuePageFactory()
    SubscriberFactory()
    started = sending.start(issue)
    deferred = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "newsletter": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []},
    }
    unreachable = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": 1,
        "NEWSLETTER_RETRY_DELAYS": [3600],
    }
    with override_settings(TASKS=deferred, **unreachable):
        tasks.send_issue.call(started.pk)
        (scheduled,) = task_backends["newsletter"].results
        delivery = started.deliveries.get()
        assert scheduled.args == [started.pk]
        assert scheduled.task.run_after == delivery.next_attempt_at


@pytest.mark.django_db
def test_mail_links_take_the_site_record_address_without_a_base_url(settings):
    from wagtail.models import Site

    from newsletter.mail import absolute, mail_domain

    settings.NEWSLETTER_BASE_URL = ""
    site = Site.objects.get(is_default_site=True)
    assert absolute("/newsletter/") == f"{site.root_url}/newsletter/"
    assert mail_domain() == site.hostname
