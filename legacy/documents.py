"""Documentation PDFs of old pages as documents: the admin's upload checks
(``documents.intake``), the year's Dokumentationen collection, one document per content."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents.demo import documentation_collection
from documents.intake import check_upload, store_document


class DocumentProblem(ValueError):
    """The PDF was refused; the message is German, for the report."""


def content_hash(data):
    """SHA-1, as Wagtail keeps it in ``file_hash``."""
    return hashlib.sha1(data).hexdigest()


def find_document(data):
    return get_document_model().objects.filter(file_hash=content_hash(data)).first()


def check_pdf(data, filename):
    """The admin's upload checks on the bytes; DocumentProblem when refused."""
    try:
        check_upload(ContentFile(data, name=filename))
    except ValidationError as error:
        raise DocumentProblem(" ".join(error.messages)) from error


def store_pdf(data, filename, title, year):
    """The document with these bytes: found by its hash, else checked and created in the
    year's collection. Returns (document, created)."""
    existing = find_document(data)
    if existing is not None:
        return existing, False
    collection = documentation_collection(year)
    try:
        document = store_document(
            ContentFile(data, name=filename), title=title[:255], collection=collection, year=year
        )
    except ValidationError as error:
        raise DocumentProblem(" ".join(error.messages)) from error
    return document, True
