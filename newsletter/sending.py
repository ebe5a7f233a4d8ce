"""Sending an issue so that nobody gets it twice.

``start`` fixes the recipient list in one transaction: one ``Delivery`` row per
(issue, confirmed subscriber), unique. Workers (``run``) claim rows in batches with
``select_for_update(skip_locked=True)``, mark them „in Versand“, commit, send, and record
the Message-ID. A row still „in Versand“ after ``NEWSLETTER_CLAIM_TIMEOUT`` belongs to a
worker that died mid-batch: whether its mail left is unknown, so it becomes „ungewiss“
and is never sent again automatically; so does a row whose connection broke while the
mail was being handed over. Permanent SMTP refusals (5xx) mark the address
unzustellbar; temporary ones (4xx, lost connections) are retried after
``NEWSLETTER_RETRY_DELAYS``."""

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import mail
from .consent import record
from .models import ConsentEvent, Delivery, Sending, Subscriber

logger = logging.getLogger(__name__)
Status = Delivery.Status
OPEN_STATUSES = (Status.QUEUED, Status.SENDING, Status.RETRY)


class AlreadyStarted(Exception):
    pass


def recipients():
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)


def start(issue, user=None):
    """Create the sending of ``issue`` with its recipient list; ``AlreadyStarted`` if
    it exists (its list is never extended)."""
    with transaction.atomic():
        sending, created = Sending.objects.select_for_update().get_or_create(
            issue=issue,
            defaults={"started_by": user, "revision": issue.get_latest_revision()},
        )
        if not created:
            raise AlreadyStarted(sending)
        ids = recipients().order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000)
        batch = []
        for subscriber_id in ids:
            batch.append(Delivery(sending=sending, subscriber_id=subscriber_id))
            if len(batch) == 2000:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
    return sending


def mark_uncertain(sending, older_than=None):
    """Rows a dead worker left „in Versand“ become „ungewiss“. Returns their number."""
    if older_than is None:
        older_than = datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    cutoff = timezone.now() - older_than
    return Delivery.objects.filter(
        sending=sending, status=Status.SENDING, claimed_at__lte=cutoff
    ).update(status=Status.UNCERTAIN, error="Versand abgebrochen; Zustellung ungewiss.")


def claim(sending, size):
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sending=sending)
            .filter(Q(status=Status.QUEUED) | Q(status=Status.RETRY, next_attempt_at__lte=now))
            .select_related("subscriber")
            .order_by("pk")[:size]
        )
        Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=Status.SENDING, claimed_at=now
        )
    return rows


def _smtp_code(error, address):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = error.recipients.get(address, (None,))[0]
        if code is None and error.recipients:
            code = next(iter(error.recipients.values()))[0]
        return code
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None


class Pacer:
    """At most ``NEWSLETTER_MAILS_PER_MINUTE`` mails per minute (0: no limit)."""

    def __init__(self):
        rate = settings.NEWSLETTER_MAILS_PER_MINUTE
        self.interval = 60.0 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        delay = self.next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.next_at = max(self.next_at, time.monotonic()) + self.interval


# The issue is rendered once per run with this in place of the unsubscribe link.
LINK_PLACEHOLDER = "https://abmelden.invalid/platzhalter"


def _deliver(connection, issue, rendered, row):
    subscriber = row.subscriber
    url = mail.unsubscribe_url(subscriber)
    html, text = (part.replace(LINK_PLACEHOLDER, url) for part in rendered)
    message = mail.issue_message(issue, subscriber, (html, text))
    message.connection = connection
    message.send()
    return message.extra_headers["Message-ID"]


def _send_row(connection, issue, rendered, row):
    """Send one row and record the outcome. False when the connection must be renewed."""
    try:
        connection.open()  # one connection for the batch (a no-op when open)
    except OSError as error:  # nothing was sent: retry later
        _record_failure(row, error)
        return False
    try:
        message_id = _deliver(connection, issue, rendered, row)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
        # The server answered with a code: the mail was not accepted.
        _record_failure(row, error)
        return False
    except OSError as error:
        # The connection broke while the mail was on its way: it may have arrived, so it
        # is never sent again.
        logger.warning("Newsletter: Zustellung %s ungewiss: %s", row.pk, error)
        Delivery.objects.filter(pk=row.pk).update(
            status=Status.UNCERTAIN, error=f"{type(error).__name__}: {error}"[:500]
        )
        return False
    Delivery.objects.filter(pk=row.pk).update(
        status=Status.SENT,
        sent_at=timezone.now(),
        message_id=message_id[:255],
        attempts=row.attempts + 1,
        error="",
    )
    return True


def _record_failure(row, error):
    code = _smtp_code(error, row.subscriber.email)
    text = f"{type(error).__name__}: {error}"[:500]
    logger.warning("Newsletter: Zustellung %s fehlgeschlagen: %s", row.pk, text)
    now = timezone.now()
    if code is not None and 500 <= code < 600:
        Delivery.objects.filter(pk=row.pk).update(
            status=Status.FAILED, error=text, attempts=row.attempts + 1
        )
        with transaction.atomic():
            updated = Subscriber.objects.filter(
                pk=row.subscriber_id, status=Subscriber.Status.CONFIRMED
            ).update(status=Subscriber.Status.BOUNCED)
            if updated:
                record(row.subscriber, ConsentEvent.Kind.BOUNCED, at=now, channel=f"SMTP {code}")
        return
    attempts = row.attempts + 1
    delays = settings.NEWSLETTER_RETRY_DELAYS
    if attempts > len(delays):
        Delivery.objects.filter(pk=row.pk).update(
            status=Status.FAILED, error=text, attempts=attempts
        )
    else:
        Delivery.objects.filter(pk=row.pk).update(
            status=Status.RETRY,
            error=text,
            attempts=attempts,
            next_attempt_at=now + datetime.timedelta(seconds=delays[attempts - 1]),
        )


def next_retry_at(sending):
    return Delivery.objects.filter(sending=sending, status=Status.RETRY).aggregate(
        next=Min("next_attempt_at")
    )["next"]


def run(sending_id, max_wait=60):
    """Send what is open for the sending; returns the counts per status. Several
    workers may run at once. Rows due for a retry within ``max_wait`` seconds are
    waited for; later ones are left to the next run (the task schedules it)."""
    sending = Sending.objects.select_related("issue", "revision").get(pk=sending_id)
    mark_uncertain(sending)
    issue = sending.revision.as_object() if sending.revision else sending.issue.specific
    issue.live = sending.issue.live
    rendered = mail.render_issue(issue, None, link=LINK_PLACEHOLDER)
    pacer = Pacer()
    size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    while True:
        rows = claim(sending, size)
        if not rows:
            waiting = next_retry_at(sending)
            if waiting is None:
                break
            delay = (waiting - timezone.now()).total_seconds()
            if delay > max_wait:
                break
            time.sleep(max(delay, 0.01))
            continue
        connection = get_connection()
        try:
            for row in rows:
                if row.subscriber.status != Subscriber.Status.CONFIRMED:
                    Delivery.objects.filter(pk=row.pk).update(status=Status.SKIPPED)
                    continue
                pacer.wait()
                if not _send_row(connection, issue, rendered, row):
                    connection.close()
                    connection = get_connection()
        finally:
            connection.close()
    if not Delivery.objects.filter(sending=sending, status__in=OPEN_STATUSES).exists():
        Sending.objects.filter(pk=sending.pk, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
    return sending.counts()
