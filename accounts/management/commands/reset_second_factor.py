from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import second_factor


class Command(BaseCommand):
    help = (
        "Setzt die Zwei-Faktor-Anmeldung eines Kontos zurück (App und Wiederherstellungscodes "
        "verloren, und kein anderer Administrator kann es in der Oberfläche tun). Bei der "
        "nächsten Anmeldung richtet die Person eine neue App ein."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen „{username}“.")
        second_factor.remove_second_factor(user)
        self.stdout.write(f"Zwei-Faktor-Anmeldung von {username} zurückgesetzt.")
