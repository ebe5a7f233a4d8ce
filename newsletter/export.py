"""CSV exports for the admin: the subscriber list and one subscriber's consent record
(Art. 15 DSGVO). Semicolon-separated UTF-8 with BOM, like the area export, with the same
guard against cells Excel would run as formulas."""

import csv
import io

from django.utils import timezone

# Same rule as areas/export.py: a leading apostrophe keeps such a cell text.
FORMULA_STARTS = ("=", "@", "+", "-", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value).strftime("%d.%m.%Y %H:%M:%S")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()


SUBSCRIBER_HEADER = ["E-Mail-Adresse", "Status", "Angemeldet am", "Bestätigt am", "Abgemeldet am"]


def subscribers_csv(subscribers):
    return as_csv(
        SUBSCRIBER_HEADER,
        (
            [s.email, s.get_status_display(), s.created_at, s.confirmed_at, s.unsubscribed_at]
            for s in subscribers.iterator()
        ),
    )


CONSENT_HEADER = [
    "Zeitpunkt",
    "Ereignis",
    "E-Mail-Adresse",
    "Client-Adresse",
    "Formular-Adresse",
    "Einwilligungstext",
    "Fassung der Datenschutzerklärung",
    "Fassung der Bestätigungsmail",
    "Weg",
]


def consent_csv(subscriber):
    return as_csv(
        CONSENT_HEADER,
        (
            [
                event.at,
                event.get_kind_display(),
                event.email,
                event.client_ip,
                event.form_url,
                event.consent_text,
                event.privacy_version,
                event.mail_version,
                event.channel,
            ]
            for event in subscriber.consent_events.all()
        ),
    )
