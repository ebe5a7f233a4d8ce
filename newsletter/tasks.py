"""Background work on the tasks framework (django-tasks), on the backend alias
"newsletter" (`manage.py db_worker --backend newsletter` runs it in production)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import consent, mail, sending
from .models import ConsentEvent, Subscriber

BACKEND = "newsletter"


@task(backend=BACKEND)
def send_confirmation(subscriber_id, key):
    """The confirmation mail of a sign-up, unless it was confirmed or renewed since."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, confirmation_key=key, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return False
    mail.confirmation_message(subscriber).send()
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=now)
        consent.record(
            subscriber,
            ConsentEvent.Kind.CONFIRMATION_SENT,
            at=now,
            mail_version=consent.CONFIRMATION_MAIL_VERSION,
            channel="E-Mail",
        )
    return True


@task(backend=BACKEND)
def send_issue(sending_id):
    counts = sending.run(sending_id)
    # Retries further off than a worker should wait: run again when they are due.
    due = sending.next_retry_at(sending_id)
    if due is not None and send_issue.get_backend().supports_defer:
        send_issue.using(run_after=due).enqueue(sending_id)
    return counts


@task(backend=BACKEND)
def delete_expired_signups():
    return consent.delete_expired_signups()
