"""Reading a PDF's page count and text in the background (django-tasks, backend alias
"documents"; in production ``manage.py db_worker --backend documents`` runs it).

The upload only stores the file and marks the document „wartet“. The task copies the
file through the storage API (so it works the same on a local folder or on S3) into a
temporary file, reads it in a limited child process (``pdf_sandbox``) and saves the
result. That save renews the document's search index entry and, on commit, the site's
content version (``ec_site.content_version``), like any other document change."""

import logging
import shutil
import tempfile

from django.conf import settings
from django.db import transaction
from django_tasks import task
from wagtail.documents import get_document_model

from . import pdf_sandbox
from .models import TextStatus

logger = logging.getLogger(__name__)

BACKEND = "documents"
COPY_CHUNK = 1024 * 1024

_STATUS = {
    pdf_sandbox.DONE: TextStatus.DONE,
    pdf_sandbox.TOO_LARGE: TextStatus.TOO_LARGE,
    pdf_sandbox.UNREADABLE: TextStatus.UNREADABLE,
}


def limits():
    configured = getattr(settings, "PDF_TEXT_LIMITS", {})
    return pdf_sandbox.Limits(**configured)


def schedule_text_reading(document):
    """Queue the reading of ``document`` (saved, marked „wartet“). With the immediate
    backend (``make run``, tests) it has run when this returns, and ``document`` shows
    the result."""
    result = read_document_text.enqueue(document.pk)
    if result.is_finished:
        document.refresh_from_db(fields=document.TEXT_FIELDS)


def finish_pending(document):
    """Read ``document`` now unless a worker did already (demo content, backfill)."""
    document.refresh_from_db(fields=document.TEXT_FIELDS)
    if document.text_status == TextStatus.PENDING:
        read_text(document.pk)
        document.refresh_from_db(fields=document.TEXT_FIELDS)


def _copy_to(document, target):
    with document.file.open("rb") as source:
        shutil.copyfileobj(source, target, COPY_CHUNK)
    target.flush()


def read_text(document_id):
    """Read the PDF of the document ``document_id`` if it still waits; returns its new
    status, or None when there was nothing to do."""
    Document = get_document_model()
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.text_status != TextStatus.PENDING:
        return None
    file_name = document.file.name
    try:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
            _copy_to(document, copy)
            outcome = pdf_sandbox.read_pdf_limited(copy.name, limits())
    except FileNotFoundError:
        outcome = pdf_sandbox.Outcome(pdf_sandbox.UNREADABLE, reason="Die Datei fehlt im Speicher.")
    status = _STATUS[outcome.status]
    if status != TextStatus.DONE:
        logger.warning("Dokument %s: Text %s. %s", document_id, status.label, outcome.reason)
    with transaction.atomic():
        current = Document.objects.select_for_update().filter(pk=document_id).first()
        if current is None or current.file.name != file_name:
            return None  # deleted or replaced meanwhile: the new file has its own task
        current.page_count = outcome.page_count
        current.extracted_text = outcome.text if status == TextStatus.DONE else ""
        current.text_status = status
        current.text_note = outcome.reason[:255]
        # Signals: search index entry now, content version on commit.
        current.save(update_fields=current.TEXT_FIELDS)
    return status


@task(backend=BACKEND)
def read_document_text(document_id):
    status = read_text(document_id)
    return None if status is None else str(status)
