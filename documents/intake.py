"""Checking and storing a file as a document outside the admin's upload views (the
legacy importer, commands). The same rules as an upload in the admin
(``documents.validation``), the same metadata path, the same background reading of a
PDF's text."""

from django.core.files.base import File
from wagtail.documents import get_document_model

from .validation import check_content, check_size, sanitise_filename


def check_upload(file):
    """Raise ``ValidationError`` (German message) unless ``file`` may be a document.

    ``file`` is a Django ``File`` (or ``UploadedFile``) with ``name`` and ``size``."""
    check_size(file)
    check_content(file)


def store_document(file, *, title, collection, uploaded_by_user=None, **fields):
    """Check ``file`` like an upload and store it as a new document in ``collection``.

    ``file`` is a binary file object or Django ``File`` with a name (e.g.
    ``File(open(path, "rb"), name="doku.pdf")``); ``fields`` are further model fields
    (``year``, ``description``, ``publisher``, ``language``). Raises ``ValidationError``
    with the German message of the upload rules, and then stores nothing. Page count and
    text of a PDF are read by the task (``documents/tasks.py``); the document is saved
    „wartet“ until then."""
    if not isinstance(file, File):
        file = File(file, name=getattr(file, "name", "") or "dokument")
    check_upload(file)
    file.seek(0)
    Document = get_document_model()
    document = Document(
        title=title, collection=collection, uploaded_by_user=uploaded_by_user, **fields
    )
    document.file.save(sanitise_filename(file.name), file, save=False)
    document._set_document_file_metadata()
    document.save()
    return document
