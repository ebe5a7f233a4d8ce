import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_ENV = "EC_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Legt den Administrator-Zugang für die lokale Demo an. Das Passwort kommt aus "
        f"{PASSWORD_ENV} oder wird erzeugt und unter var/ abgelegt (nie ein fester Standardwert)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("EC_ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        password_file = settings.VAR_DIR / "admin-passwort.txt"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = os.environ.get(PASSWORD_ENV)
        if user is None:
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(username, email="", password=password)
            if not os.environ.get(PASSWORD_ENV):
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif password_file.exists():
            password = password_file.read_text().strip()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Redaktionszugang: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
            )
        )
        self.stdout.write(f"  Benutzername: {username}")
        if password:
            self.stdout.write(f"  Passwort:     {password}")
        else:
            self.stdout.write(
                f"  Passwort:     (bereits vergeben; neu setzen mit {PASSWORD_ENV}=… make run)"
            )
        self.stdout.write(
            "  Zwei-Faktor-Anmeldung: beim ersten Anmelden mit einer Authenticator-App einrichten\n"
            "  (QR-Code oder Schlüssel; ohne Telefon zeigt `.venv/bin/python manage.py\n"
            f"  second_factor_code {username}` den aktuellen Code, nur in der lokalen Demo),\n"
            "  danach bei jeder Anmeldung den Code der App eingeben. Verloren? Neu einrichten mit\n"
            "  `.venv/bin/python manage.py reset_second_factor admin`."
        )
        self.stdout.write("")
