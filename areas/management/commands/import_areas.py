from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from areas.importer import run_import
from areas.models import AreaIndexPage


class Command(BaseCommand):
    help = (
        "Importiert E&C-Gebiete aus einer CSV-Datei (Spalten siehe README). Alles oder "
        "nichts: enthält eine Zeile einen Fehler, wird nichts geändert."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-Datei (UTF-8 oder Windows-1252, ; oder ,)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur prüfen und anzeigen, was sich ändern würde.",
        )

    def handle(self, *args, file, dry_run, **options):
        index = AreaIndexPage.objects.first()
        if index is None:
            raise CommandError("Es gibt keine Gebietslisten-Seite. Bitte legen Sie zuerst eine an.")
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Die Datei „{file}“ kann nicht gelesen werden: {error}") from error
        plan = run_import(raw, index, dry_run=dry_run)
        for error in plan.errors:
            self.stderr.write(str(error))
        if not plan.ok:
            raise CommandError(
                f"Import abgebrochen: {len(plan.errors)} Fehler. Es wurde nichts geändert."
            )
        for change in plan.created:
            self.stdout.write(f"neu: {change.key} {change.title}", style_func=None)
        for change in plan.updated:
            columns = ", ".join(change.changed_columns)
            self.stdout.write(f"aktualisiert: {change.key} {change.title} ({columns})")
        prefix = "Probelauf, nichts gespeichert – " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Gebiete: {plan.summary()} "
                f"(Kodierung {plan.encoding}, Trennzeichen {plan.delimiter_label})."
            )
        )
