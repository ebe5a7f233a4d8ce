from django.core.management.base import BaseCommand, CommandError

from operations.backup import write_backup
from operations.files import BackupError


class Command(BaseCommand):
    help = (
        "Sichert die Datenbank und alle Mediendateien (lokal oder im Bucket) in einen neuen "
        "Ordner, mit manifest.json (SHA-256 jeder Datei)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Zielordner (neu oder leer)")

    def handle(self, *args, path, **options):
        try:
            manifest = write_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in manifest["missing"]:
            self.stderr.write(
                f"Warnung: „{name}“ ist in der Datenbank eingetragen, fehlt aber im Speicher."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung in „{path}“: Datenbank ({manifest['database']['vendor']}) und "
                f"{len(manifest['files'])} Dateien ({manifest['storage_type']})."
            )
        )
