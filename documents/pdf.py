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

    def __init__(self, page_count=None):
        super().__init__(f"Das PDF hat {page_count or 'zu viele'} Seiten.")
        self.page_count = page_count  # None: more than allowed, how many is unknown


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


def count_pages(reader, limit):
    """The pages in the page tree, counted up to ``limit + 1`` at most. pypdf's own walk
    builds an object for every page (seconds for 10,000 pages); this one only follows
    ``/Kids``, never visits a node twice and stops past the limit."""
    count = 0
    seen = set()
    stack = [reader.root_object.raw_get("/Pages")]
    while stack and count <= limit:
        reference = stack.pop()
        key = getattr(reference, "idnum", None)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        node = reference.get_object()
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            stack.extend(reversed(node.raw_get("/Kids").get_object()))
        else:
            count += 1
    return count


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


def read_pdf(file, max_pages=None, on_page_count=None):
    """Page count and text of the PDF in ``file``; raises :class:`PdfProblem`, or
    :class:`PdfTooLarge` above ``max_pages``. Unbounded in time and memory: documents read
    it through :func:`documents.pdf_sandbox.read_pdf_limited`. ``on_page_count`` is
    called with the page count before the text is read."""
    reader = open_pdf(file)
    if max_pages is not None:
        counted = count_pages(reader, max_pages)
        if counted > max_pages:
            # The walk stopped past the limit; the declared count may say how far.
            declared = declared_page_count(reader)
            raise PdfTooLarge(declared if declared > max_pages else None)
    page_count = len(reader.pages)  # walks the whole page tree
    if on_page_count is not None:
        on_page_count(page_count)
    texts = []
    length = 0
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except MemoryError:
            raise  # over the memory limit: the whole file is too large, not this page
        except Exception as error:  # noqa: BLE001 - one bad page must not lose the others
            logger.info("Text einer PDF-Seite nicht lesbar: %s", error)
            continue
        texts.append(text)
        length += len(text)
        if length >= MAX_TEXT_CHARS:
            break
    text = "\n".join(texts)[:MAX_TEXT_CHARS].replace("\x00", "")
    return PdfInfo(page_count=page_count, text=text)
