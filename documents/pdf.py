"""Reading PDFs: is a file a usable PDF, how many pages has it, what text does it hold."""

import logging
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PdfReadError

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# A complete PDF ends with "%%EOF" (possibly followed by a few bytes of whitespace or
# junk); a file cut off during transfer does not.
EOF_MARKER = b"%%EOF"
EOF_SEARCH_BYTES = 2048
# The search index does not need more; a 300-page documentation has about 600,000 characters.
MAX_TEXT_CHARS = 1_000_000


class PdfProblem(ValueError):
    """The file is not a PDF that visitors could open; the message is for editors."""


class PdfTooLarge(PdfProblem):
    """The PDF has more pages than the text reading allows."""

    def __init__(self, page_count):
        super().__init__(f"Das PDF hat {page_count} Seiten.")
        self.page_count = page_count


@dataclass
class PdfInfo:
    page_count: int
    text: str


def _tail(file, size):
    file.seek(0, 2)
    length = file.tell()
    file.seek(max(0, length - size))
    return file.read()


def declared_page_count(reader):
    """The page count the page tree's root declares. Cheap and bounded (no walk of the
    tree, which a crafted file can make huge); the walk happens in the limited child
    process that reads the text (``documents/pdf_sandbox.py``)."""
    pages = reader.root_object["/Pages"]
    if "/Count" not in pages:
        return len(reader.pages)
    return int(pages["/Count"])


def open_pdf(file):
    """A ``PdfReader`` for ``file`` (a binary file object) or :class:`PdfProblem`.

    Only structural checks: magic bytes, end marker, cross-reference table, password,
    at least one declared page. Safe to run in a request."""
    file.seek(0)
    if not file.read(len(PDF_MAGIC)) == PDF_MAGIC:
        raise PdfProblem("Die Datei ist kein PDF.")
    if EOF_MARKER not in _tail(file, EOF_SEARCH_BYTES):
        raise PdfProblem("Das PDF ist unvollständig (die Datei endet mitten im Dokument).")
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfProblem(
                "Das PDF ist mit einem Passwort geschützt. Bitte laden Sie eine Fassung "
                "ohne Passwort hoch, damit Besucherinnen und Besucher sie öffnen können."
            )
        page_count = declared_page_count(reader)
    except PdfProblem:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        # pypdf's errors on broken files are not all PdfReadError.
        logger.info("PDF nicht lesbar: %s", error)
        raise PdfProblem("Das PDF ist beschädigt und lässt sich nicht öffnen.") from error
    if page_count <= 0:
        raise PdfProblem("Das PDF enthält keine Seiten.")
    return reader


def read_pdf(file, max_pages=None):
    """Page count and text of the PDF in ``file``; raises :class:`PdfProblem`, or
    :class:`PdfTooLarge` above ``max_pages``. Unbounded in time and memory: documents read
    it through :func:`documents.pdf_sandbox.read_pdf_limited`."""
    reader = open_pdf(file)
    page_count = len(reader.pages)  # walks the page tree
    if max_pages is not None and page_count > max_pages:
        raise PdfTooLarge(page_count)
    texts = []
    length = 0
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception as error:  # noqa: BLE001 - one bad page must not lose the others
            logger.info("Text einer PDF-Seite nicht lesbar: %s", error)
            continue
        texts.append(text)
        length += len(text)
        if length >= MAX_TEXT_CHARS:
            break
    text = "\n".join(texts)[:MAX_TEXT_CHARS].replace("\x00", "")
    return PdfInfo(page_count=page_count, text=text)
