"""The current code of a user's authenticator app, for the local demo only (`make run`):
whoever tries the site without a phone app signs in with it. Refused unless DEBUG is on."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Zeigt den aktuellen Code der Authenticator-App eines Kontos (nur für die lokale Demo "
        "mit DEBUG; auch während der Einrichtung, bevor die App bestätigt ist)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Nur für die lokale Demo (DEBUG): in Betrieb hat nur die App den Code."
            )
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen „{username}“.")
        device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
        if device is None:
            raise CommandError(
                "Noch keine App eingerichtet: melden Sie sich an, dann zeigt die Seite "
                "„Zwei-Faktor-Anmeldung einrichten“ den Schlüssel, und dieser Befehl den Code."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(str(totp.token()).zfill(device.digits))
