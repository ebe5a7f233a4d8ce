"""Double opt-in and the proof of consent (DSGVO Art. 6(1)(a), 7(1)).

Sign-up, confirmation and unsubscribing each add a ``ConsentEvent`` with what the person
saw and did. Links carry a signed token: the confirmation link names a key that is used
up on confirmation and expires after ``NEWSLETTER_CONFIRMATION_DAYS``; the unsubscribe
link names the subscriber's own key and never expires."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from .models import ConsentEvent, Subscriber, new_key

# Changing one of these texts: raise its version, so the proof shows what was shown.
CONSENT_TEXT = (
    "Ja, ich möchte den E&C Newsletter per E-Mail erhalten. Meine E-Mail-Adresse wird nur "
    "für den Versand des Newsletters verwendet und nicht weitergegeben. Ich kann meine "
    "Einwilligung jederzeit widerrufen, zum Beispiel über den Abmeldelink in jeder Ausgabe."
)
CONFIRMATION_MAIL_VERSION = "bestaetigung-2026-12-01"
PRIVACY_SECTION_VERSION = "newsletter-2026-12-01"

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidLink(Exception):
    """The link is broken, expired or used; the message says which, in German."""


def normalize(email):
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def privacy_version():
    """The version of the privacy notice the sign-up form links to."""
    from legal.models import PrivacyPage

    page = PrivacyPage.objects.live().first()
    if page is None:
        return PRIVACY_SECTION_VERSION
    return (
        f"Stand {page.statement_date:%d.%m.%Y}, Revision {page.live_revision_id}, "
        f"{PRIVACY_SECTION_VERSION}"
    )


def confirmation_token(subscriber):
    return signing.dumps({"s": subscriber.pk, "k": subscriber.confirmation_key}, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber):
    return signing.dumps(
        {"s": subscriber.pk, "k": subscriber.unsubscribe_key}, salt=UNSUBSCRIBE_SALT
    )


def confirmation_max_age():
    return datetime.timedelta(days=settings.NEWSLETTER_CONFIRMATION_DAYS)


def record(subscriber, kind, **fields):
    return ConsentEvent.objects.create(
        subscriber=subscriber, kind=kind, email=subscriber.email, **fields
    )


def sign_up(email, client_ip, form_url):
    """Register a sign-up. Returns the subscriber whose confirmation mail is due, or
    ``None`` when nothing is to be sent (the address is confirmed already). The caller
    answers the same in both cases."""
    email = normalize(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"created_at": now}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return None
        subscriber.status = Subscriber.Status.PENDING
        if not created:
            subscriber.created_at = now
        subscriber.confirmation_key = new_key()
        subscriber.confirmation_sent_at = None
        subscriber.save()
        record(
            subscriber,
            ConsentEvent.Kind.SIGNUP,
            at=now,
            client_ip=client_ip,
            form_url=form_url[:500],
            consent_text=CONSENT_TEXT,
            privacy_version=privacy_version()[:200],
            channel="Website",
        )
    return subscriber


def _load(token, salt, max_age=None):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidLink(
            "Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich erneut an."
        ) from error
    except signing.BadSignature as error:
        raise InvalidLink(
            "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig kopiert wurde."
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not data.get("k"):
        raise InvalidLink("Dieser Link ist ungültig.")
    return data


def subscriber_for_confirmation(token):
    data = _load(token, CONFIRM_SALT, confirmation_max_age())
    subscriber = Subscriber.objects.filter(pk=data["s"], confirmation_key=data["k"]).first()
    if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
        raise InvalidLink(
            "Dieser Bestätigungslink wurde bereits verwendet oder ist nicht mehr gültig."
        )
    return subscriber


def confirm(token, client_ip):
    data = _load(token, CONFIRM_SALT, confirmation_max_age())
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(pk=data["s"], confirmation_key=data["k"], status=Subscriber.Status.PENDING)
            .first()
        )
        if subscriber is None:
            raise InvalidLink(
                "Dieser Bestätigungslink wurde bereits verwendet oder ist nicht mehr gültig."
            )
        now = timezone.now()
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.confirmation_key = ""
        subscriber.save()
        record(subscriber, ConsentEvent.Kind.CONFIRMED, at=now, client_ip=client_ip, channel="Link")
    return subscriber


def subscriber_for_unsubscribe(token):
    data = _load(token, UNSUBSCRIBE_SALT)
    subscriber = Subscriber.objects.filter(pk=data["s"], unsubscribe_key=data["k"]).first()
    if subscriber is None:
        # Erased (Art. 17) or never there: nothing is sent to it any more.
        raise InvalidLink("Zu diesem Link ist kein Abonnement (mehr) gespeichert.")
    return subscriber


def unsubscribe(subscriber, channel, client_ip=None):
    """Withdraw consent; repeated calls change nothing. True if it was active."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status in (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED):
            return False
        now = timezone.now()
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = now
        subscriber.confirmation_key = ""
        subscriber.save()
        record(
            subscriber, ConsentEvent.Kind.UNSUBSCRIBED, at=now, client_ip=client_ip, channel=channel
        )
    return True


def delete_expired_signups(now=None):
    """Sign-ups whose confirmation link has expired: never-confirmed ones are deleted
    with their records; former subscribers who signed up again fall back to
    „Abgemeldet“. Returns the number deleted."""
    cutoff = (now or timezone.now()) - confirmation_max_age()
    expired = Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff)
    _, per_model = expired.filter(confirmed_at__isnull=True).delete()
    expired.update(status=Subscriber.Status.UNSUBSCRIBED, confirmation_key="")
    return per_model.get(Subscriber._meta.label, 0)
