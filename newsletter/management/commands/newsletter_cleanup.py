from django.core.management.base import BaseCommand

from newsletter.consent import delete_expired_signups


class Command(BaseCommand):
    help = (
        "Löscht Newsletter-Anmeldungen, deren Bestätigungslink abgelaufen ist "
        "(für cron, z. B. stündlich)."
    )

    def handle(self, *args, **options):
        deleted = delete_expired_signups()
        self.stdout.write(f"{deleted} unbestätigte Anmeldung(en) gelöscht.")
