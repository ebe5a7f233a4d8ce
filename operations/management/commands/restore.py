from django.core.management.base import BaseCommand, CommandError

from operations.files import BackupError
from operations.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von „manage.py backup“ in eine leere Datenbank und einen leeren "
        "Dateispeicher wieder her und prüft jede Datei gegen ihre Prüfsumme."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Ordner der Sicherung")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch in eine nicht leere Datenbank und einen nicht leeren Speicher "
            "(ersetzt deren Inhalt).",
        )

    def handle(self, *args, path, force, **options):
        try:
            manifest = restore_backup(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Wiederhergestellt aus „{path}“: Datenbank und {len(manifest['files'])} Dateien."
            )
        )
