"""Text and page count extraction, the backfill command, the download link, search
fields and the reference index."""

import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from documents.pdf import PdfProblem, read_pdf
from tests.factories.documents import (
    HTML_BYTES,
    DocumentFactory,
    encrypted_pdf_bytes,
    pdf_bytes,
    truncated_pdf_bytes,
)
from tests.factories.home import SectionPageFactory
from tests.login import log_in

Document = get_document_model()


def test_read_pdf_counts_pages_and_extracts_text():
    info = read_pdf(io.BytesIO(pdf_bytes("Titel", pages=5, text="Quartiersmanagement")))
    assert info.page_count == 5
    assert "Titel" in info.text
    assert "Quartiersmanagement 4." in info.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HTML_BYTES, "kein PDF"),
        (truncated_pdf_bytes(), "unvollständig"),
        (encrypted_pdf_bytes(), "Passwort"),
        (b"%PDF-1.7\n%%EOF", "beschädigt"),
    ],
)
def test_read_pdf_refuses_unusable_files(content, message):
    with pytest.raises(PdfProblem, match=message):
        read_pdf(io.BytesIO(content))


def test_pdf_with_only_an_owner_password_opens():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(pages=2))))
    writer.encrypt(user_password="", owner_password="nur-drucken", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    assert read_pdf(io.BytesIO(output.getvalue())).page_count == 2


def test_backfill_command_fills_missing_metadata(db):
    document = DocumentFactory(pages=3)
    Document.objects.filter(pk=document.pk).update(page_count=None, extracted_text="")
    out = io.StringIO()
    call_command("update_document_metadata", stdout=out)
    document.refresh_from_db()
    assert document.page_count == 3
    assert "Jugendhilfe im Stadtteil 2." in document.extracted_text
    assert "1 Dokumente aktualisiert" in out.getvalue()
    out = io.StringIO()
    call_command("update_document_metadata", stdout=out)
    assert "0 Dokumente aktualisiert" in out.getvalue()


def test_backfill_reports_missing_files(db):
    document = DocumentFactory()
    document.file.storage.delete(document.file.name)
    Document.objects.filter(pk=document.pk).update(page_count=None)
    err = io.StringIO()
    call_command("update_document_metadata", stdout=io.StringIO(), stderr=err)
    assert "Datei fehlt" in err.getvalue()


def test_download_link_says_type_size_and_pages_in_german(db):
    document = DocumentFactory(pages=48)
    Document.objects.filter(pk=document.pk).update(file_size=int(2.3 * 1024 * 1024))
    document.refresh_from_db()
    html = render_to_string(
        "includes/document_link.html",
        {"document": document, "label": "Dokumentation herunterladen"},
    )
    assert f'href="{document.url}"' in html
    assert "Dokumentation herunterladen <span" in html
    assert "(PDF, 2,3\xa0MB, 48 Seiten)" in html
    assert 'type="application/pdf"' in html


def test_download_link_without_label_uses_title_and_singular_page(db):
    document = DocumentFactory(title="Newsletter 3/2004", pages=1)
    html = render_to_string("includes/document_link.html", {"document": document})
    assert "Newsletter 3/2004 <span" in html
    assert ", 1 Seite)" in html


def test_streamfield_document_link_uses_the_include(client, db):
    document = DocumentFactory(title="Doku", pages=2)
    page = SectionPageFactory(
        body=[{"type": "document", "value": {"document": document.pk, "label": "Lesen"}}]
    )
    html = client.get(page.url).content.decode()
    assert f'<a href="{document.url}" class="download__link"' in html
    assert "Lesen <span" in html
    assert "2 Seiten)" in html


def test_reference_index_sees_streamfield_document_links(db):
    document = DocumentFactory()
    page = SectionPageFactory(
        body=[{"type": "document", "value": {"document": document.pk, "label": ""}}]
    )
    references = ReferenceIndex.get_references_to(document)
    assert [ref.object_id for ref in references] == [str(page.pk)]
    assert page.pk in {source.pk for source, _refs in document.get_usage()}


def test_search_finds_text_inside_the_pdf(db):
    document = DocumentFactory(pages=2, title="Bericht")
    Document.objects.filter(pk=document.pk).update(
        extracted_text="Die Spielplatzinitiative im Quartier"
    )
    from wagtail.search import index

    index.insert_or_update_object(Document.objects.get(pk=document.pk))
    assert list(Document.objects.search("Spielplatzinitiative")) == [document]


def test_rich_text_document_links_carry_type_size_and_pages(db):
    from wagtail.rich_text import expand_db_html

    document = DocumentFactory(pages=3)
    html = expand_db_html(f'<p><a linktype="document" id="{document.pk}">Bericht</a></p>')
    assert f'href="{document.url}"' in html
    assert 'class="download-inline"' in html
    assert 'data-meta="PDF, ' in html and ', 3 Seiten"' in html


def test_admin_form_shows_the_metadata_fields_in_german(client, django_user_model):
    admin = django_user_model.objects.create_superuser("chefin", "c@example.org", "pw")
    log_in(client, admin)
    document = DocumentFactory()
    html = client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    for label in ("Beschreibung", "Erscheinungsjahr", "Herausgeber", "Sprache", "Erlaubt: PDF"):
        assert label in html
    assert 'accept=".pdf' in html
