"""Reading a PDF itself (documents/pdf.py), in this process: what the limited child process
of documents/pdf_sandbox.py runs. The child, its limits and the task: test_documents_text_task."""

import io

import pytest
from pypdf import PdfReader

from documents.pdf import PdfProblem, PdfTooLarge, count_pages, open_pdf, read_pdf
from tests.factories.documents import (
    encrypted_pdf_bytes,
    many_pages_pdf,
    pdf_bytes,
    truncated_pdf_bytes,
)


def test_page_count_and_text():
    seen = []
    info = read_pdf(
        io.BytesIO(pdf_bytes("Fachforum", pages=3, text="Quartiersarbeit")),
        max_pages=10,
        on_page_count=seen.append,
    )
    assert info.page_count == 3
    assert "Quartiersarbeit 1." in info.text and "Quartiersarbeit 2." in info.text
    assert seen == [3]  # told before the text is read


def test_over_the_page_limit_names_the_declared_count():
    with pytest.raises(PdfTooLarge) as raised:
        read_pdf(io.BytesIO(many_pages_pdf()), max_pages=2000)
    assert raised.value.page_count == 10_000
    assert str(raised.value) == "Das PDF hat 10000 Seiten."


def test_the_walk_stops_past_the_limit():
    reader = PdfReader(io.BytesIO(many_pages_pdf()))
    assert count_pages(reader, 50) == 51
    assert count_pages(PdfReader(io.BytesIO(pdf_bytes(pages=4))), 50) == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>kein PDF</html>", "Die Datei ist kein PDF."),
        (truncated_pdf_bytes(), "Das PDF ist unvollständig"),
        (encrypted_pdf_bytes(), "Das PDF ist mit einem Passwort geschützt."),
        (b"%PDF-1.4\nkaputt\n%%EOF", "Das PDF ist beschädigt"),
    ],
)
def test_unusable_files_are_named_in_german(content, message):
    with pytest.raises(PdfProblem, match=message):
        open_pdf(io.BytesIO(content))
