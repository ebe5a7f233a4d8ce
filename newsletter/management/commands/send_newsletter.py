import datetime

from django.core.management.base import BaseCommand, CommandError

from newsletter import sending
from newsletter.models import NewsletterIssuePage, Sending


class Command(BaseCommand):
    help = (
        "Versendet eine Newsletter-Ausgabe an die bestätigten Abonnent*innen oder setzt ihren "
        "Versand fort. Ein zweiter Aufruf nach dem Ende versendet nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, help="ID der Seite „Newsletter-Ausgabe“")
        parser.add_argument(
            "--abgebrochen",
            action="store_true",
            help="Kein anderer Versand läuft: Zustellungen „in Versand“ sofort als ungewiss "
            "markieren (statt nach NEWSLETTER_CLAIM_TIMEOUT).",
        )

    def handle(self, page_id, abgebrochen=False, **options):
        issue = NewsletterIssuePage.objects.filter(pk=page_id).first()
        if issue is None:
            raise CommandError(f"Es gibt keine Newsletter-Ausgabe mit der ID {page_id}.")
        existing = Sending.objects.filter(issue=issue).first()
        if existing is None:
            existing = sending.start(issue)
            self.stdout.write(f"Versand gestartet: {existing.deliveries.count()} Empfänger*innen.")
        else:
            self.stdout.write("Versand wird fortgesetzt.")
        if abgebrochen:
            marked = sending.mark_uncertain(existing, older_than=datetime.timedelta(0))
            if marked:
                self.stdout.write(f"{marked} Zustellung(en) als ungewiss markiert.")
        counts = sending.run(existing.pk)
        labels = dict(sending.Status.choices)
        summary = ", ".join(f"{labels[key]}: {value}" for key, value in counts.items() if value)
        self.stdout.write(self.style.SUCCESS(f"Stand: {summary or 'keine Zustellungen'}."))
