"""Sending the feedback form's mails from the outbox (``FeedbackMail``).

A mail is claimed by one conditional update (``wartend`` → ``in Versand``), so two
workers never send the same row. When the server answers with an error or cannot be
reached, nothing was delivered: the mail waits for its next attempt after
``FEEDBACK_MAIL_RETRY_DELAYS`` and counts as failed after the last one. When the
connection breaks while the mail is on its way it may have arrived: it becomes
``ungewiss`` and is never sent again; so is a mail left ``in Versand`` by a crashed
worker for longer than ``FEEDBACK_MAIL_CLAIM_TIMEOUT``. Every message stays in the
admin (Formulare) whatever happens to its mail."""

import contextlib
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

from .models import FeedbackMail

logger = logging.getLogger(__name__)
Status = FeedbackMail.Status


def _claim(mail_id):
    now = timezone.now()
    return FeedbackMail.objects.filter(
        pk=mail_id, status=Status.PENDING, next_attempt_at__lte=now
    ).update(status=Status.SENDING, claimed_at=now)


def send(mail_id):
    """Send one mail if it is due and nobody else has it; returns its new status, or
    ``None`` when there was nothing to do."""
    if not _claim(mail_id):
        return None
    mail = FeedbackMail.objects.get(pk=mail_id)
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:  # no connection or no login: nothing was sent
        _close(connection)
        return _failed(mail, error)
    try:
        mail.message(connection).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
        return _failed(mail, error)  # the server answered: the mail was not accepted
    except OSError as error:
        return _uncertain(mail, error)  # broken on its way: it may have arrived
    finally:
        _close(connection)
    FeedbackMail.objects.filter(pk=mail.pk).update(
        status=Status.SENT, sent_at=timezone.now(), attempts=mail.attempts + 1, error=""
    )
    return Status.SENT


def _close(connection):
    # The mail's fate is decided; a failing QUIT changes nothing.
    with contextlib.suppress(OSError):
        connection.close()


def _failed(mail, error):
    attempts = mail.attempts + 1
    delays = settings.FEEDBACK_MAIL_RETRY_DELAYS
    text = f"{type(error).__name__}: {error}"[:500]
    if attempts > len(delays):
        logger.error("Feedback-E-Mail %s endgültig nicht versandt: %s", mail.pk, text)
        status, next_attempt_at = Status.FAILED, mail.next_attempt_at
    else:
        logger.warning("Feedback-E-Mail %s nicht versandt, neuer Versuch folgt: %s", mail.pk, text)
        status = Status.PENDING
        next_attempt_at = timezone.now() + datetime.timedelta(seconds=delays[attempts - 1])
    FeedbackMail.objects.filter(pk=mail.pk).update(
        status=status, attempts=attempts, error=text, next_attempt_at=next_attempt_at
    )
    return status


def _uncertain(mail, error):
    text = f"{type(error).__name__}: {error}"[:500]
    logger.error("Feedback-E-Mail %s: Zustellung ungewiss: %s", mail.pk, text)
    FeedbackMail.objects.filter(pk=mail.pk).update(
        status=Status.UNCERTAIN, attempts=mail.attempts + 1, error=text
    )
    return Status.UNCERTAIN


def mark_abandoned():
    """Mails a crashed worker left „in Versand“ become „ungewiss“; returns their number."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.FEEDBACK_MAIL_CLAIM_TIMEOUT)
    return FeedbackMail.objects.filter(status=Status.SENDING, claimed_at__lte=cutoff).update(
        status=Status.UNCERTAIN, error="Versand abgebrochen; Zustellung ungewiss."
    )


def send_due(limit=100):
    """Send every due mail (at most ``limit``); returns the counts per new status."""
    mark_abandoned()
    due = FeedbackMail.objects.filter(
        status=Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")
    counts = {}
    for mail_id in list(due.values_list("pk", flat=True)[:limit]):
        status = send(mail_id)
        if status is not None:
            counts[status] = counts.get(status, 0) + 1
    return counts
