"""Demo documents and collections, used by ``manage.py load_demo_content``.

Idempotent: collections are found by name under their parent, documents by title in
their collection; what exists is left as it is."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from .demo_pdf import build_pdf

DOCUMENTATION = "Dokumentationen"
PROGRAMME_TEXTS = "Programmtexte"
NEWSLETTER_ARCHIVE = "Newsletter-Archiv"


def ensure_collection(*names):
    """The collection at the path ``names`` below the root, created where missing."""
    collection = Collection.get_first_root_node()
    for name in names:
        child = collection.get_children().filter(name=name).first()
        if child is None:
            child = collection.add_child(name=name)
        collection = child
    return collection


def documentation_collection(year):
    return ensure_collection(DOCUMENTATION, str(year))


def ensure_document(title, collection, filename, sections, subject="", **fields):
    """A PDF document with ``title`` in ``collection``, generated if missing; ``fields``
    are further model fields (``year``, ``description``, ``publisher``, ...).

    Returns ``(document, created)``."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing, False
    document = Document(title=title, collection=collection, **fields)
    document.file.save(
        filename, ContentFile(build_pdf(title, sections, subject=subject)), save=False
    )
    # The same metadata code path as an upload in the admin (size, hash, pages, text).
    document._set_document_file_metadata()
    document.save()
    return document, True


def build(stdout):
    for name in (DOCUMENTATION, PROGRAMME_TEXTS, NEWSLETTER_ARCHIVE):
        ensure_collection(name)
    stdout.write("Dokumente: Sammlungen sind angelegt.")
