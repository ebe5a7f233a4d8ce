from django.core.management.base import BaseCommand

from legal import outbox


class Command(BaseCommand):
    help = (
        "Versendet die fälligen E-Mails des Feedback-Formulars aus dem Postausgang "
        "(neue Versuche nach Fehlern; für cron, z. B. alle fünf Minuten)."
    )

    def handle(self, *args, **options):
        counts = outbox.send_due()
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
        self.stdout.write(f"Feedback-E-Mails – {summary or 'nichts fällig'}")
