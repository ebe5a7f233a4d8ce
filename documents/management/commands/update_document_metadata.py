"""Backfill page count and text (PDF), running time and picture size (videos) of
existing documents (e.g. after an import, or after the fields were added). Uses the same
code path as an upload: the PDF is read in its limited child process, here at once
(a task queued by the save finds it done and does nothing)."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model
from wagtail.search import index

from documents.tasks import finish_pending


class Command(BaseCommand):
    help = (
        "Liest Seitenzahl und Text (PDF), Laufzeit und Bildgröße (Videos) aus den Dateien neu ein."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--alle",
            action="store_true",
            dest="all",
            help="Alle Dokumente neu lesen, nicht nur die ohne Seitenzahl (Videos immer).",
        )

    def handle(self, *args, all=False, **options):
        Document = get_document_model()
        documents = Document.objects.order_by("pk")
        if not all:
            documents = documents.filter(page_count=None)
        updated = missing = 0
        for document in documents.iterator(chunk_size=50):
            if not document.file.storage.exists(document.file.name):
                missing += 1
                self.stderr.write(f"Datei fehlt: {document.pk} {document.file.name}")
                continue
            document._set_document_file_metadata()
            document.file.close()
            document.save(
                update_fields=[
                    *("file_size", "file_hash", *document.TEXT_FIELDS),
                    *("duration", "width", "height"),
                ]
            )
            if document.is_pdf:
                finish_pending(document)
            index.insert_or_update_object(document)
            updated += 1
        self.stdout.write(f"{updated} Dokumente aktualisiert, {missing} Dateien fehlen.")
