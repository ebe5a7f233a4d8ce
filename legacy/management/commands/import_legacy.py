"""``manage.py import_legacy PATH [--dry-run] [--publish] [--report FILE]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from legacy.importer import import_legacy
from legacy.report import file_lines, summary_line, write_json


class Command(BaseCommand):
    help = (
        "Importiert eine gespeicherte Kopie der alten E&C-Website (Ordner oder einzelne HTML-/"
        "Textdatei) als Veranstaltungsseiten mit Dokumentation und Weiterleitungen."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Ordner mit der Kopie der alten Website oder eine Datei.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur prüfen und berichten, nichts speichern."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Seiten veröffentlichen statt als Entwurf."
        )
        parser.add_argument("--report", metavar="FILE", help="Bericht als JSON in diese Datei.")

    def handle(self, *args, path, dry_run, publish, report, **options):
        if not Path(path).exists():
            raise CommandError(f"„{path}“ gibt es nicht.")
        result = import_legacy(path, publish=publish, dry_run=dry_run)
        if options["verbosity"] >= 1:
            for line in file_lines(result):
                self.stdout.write(line)
        self.stdout.write(summary_line(result))
        if report:
            try:
                write_json(result, report)
            except OSError as error:
                message = f"Der Bericht konnte nicht geschrieben werden: {error}"
                raise CommandError(message) from error
