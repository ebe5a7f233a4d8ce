"""Upload rules, checked on real files made in the test, in the single and the multiple
upload of the Wagtail admin. A refused file leaves nothing behind."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import UploadedFile

from documents.validation import sanitise_filename
from tests.factories.documents import (
    HTML_BYTES,
    DocumentFactory,
    encrypted_pdf_bytes,
    media_files,
    pdf_bytes,
    truncated_pdf_bytes,
    upload,
)

Document = get_document_model()

REFUSED = [
    ("seite.pdf", HTML_BYTES, "Der Inhalt der Datei passt nicht zur Endung „.pdf“"),
    ("skript.pdf", b"#!/bin/sh\nrm -rf /\n", "Der Inhalt der Datei passt nicht zur Endung „.pdf“"),
    ("leer.pdf", b"", "Die Datei ist leer."),
    ("abgebrochen.pdf", truncated_pdf_bytes(), "Das PDF ist unvollständig"),
    ("geschuetzt.pdf", encrypted_pdf_bytes(), "Das PDF ist mit einem Passwort geschützt."),
    ("kaputt.pdf", b"%PDF-1.4\nnichts als Unsinn\n%%EOF\n", "Das PDF ist beschädigt"),
    ("tabelle.xlsx", b"PK\x03\x04" + b"\x00" * 100, "Dateien vom Typ „xlsx“ sind nicht erlaubt."),
]


def single_upload(client, collection, file, title="Dokumentation"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": file, "collection": collection.pk, "language": "de"},
    )


def multiple_upload(client, collection, file):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": file, "collection": collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.mark.parametrize(("name", "content", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_single_upload_refuses_with_german_message(
    superuser_client, root_collection, name, content, message
):
    before = media_files()
    response = single_upload(superuser_client, root_collection, upload(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert media_files() == before


@pytest.mark.parametrize(("name", "content", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_multiple_upload_refuses_with_german_message(
    superuser_client, root_collection, name, content, message
):
    before = media_files()
    response = multiple_upload(superuser_client, root_collection, upload(name, content))
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert media_files() == before


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=20_000)
@pytest.mark.parametrize("uploader", [single_upload, multiple_upload])
def test_oversize_file_is_refused(superuser_client, root_collection, uploader):
    big = pdf_bytes(pages=3) + b"%" + b"0" * 25_000 + b"\n%%EOF\n"
    before = media_files()
    response = uploader(superuser_client, root_collection, upload("gross.pdf", big))
    if uploader is multiple_upload:
        message = response.json()["error_message"]
    else:
        message = response.content.decode()
    assert "Die Datei ist zu groß" in message
    assert "Erlaubt sind höchstens 19,5" in message
    assert not Document.objects.exists()
    assert media_files() == before


def test_single_upload_accepts_pdf_and_reads_pages_and_text(superuser_client, root_collection):
    data = pdf_bytes("Fachforum Schule", pages=4, text="Schulsozialarbeit im Quartier")
    response = single_upload(
        superuser_client, root_collection, upload("Doku Fachforum „Schule“ 2005.PDF", data)
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.filename == "doku-fachforum-schule-2005.pdf"
    assert document.page_count == 4
    assert "Schulsozialarbeit im Quartier 3." in document.extracted_text
    assert document.file_size == len(data)
    assert document.language == "de"


def test_multiple_upload_accepts_pdf_and_reads_pages(superuser_client, root_collection):
    response = multiple_upload(
        superuser_client, root_collection, upload("Newsletter 12.pdf", pdf_bytes(pages=3))
    )
    assert response.json()["success"] is True
    document = Document.objects.get()
    assert document.page_count == 3
    assert document.filename == "newsletter-12.pdf"
    # Nothing was required beyond the file: no half-finished upload waits for metadata.
    assert not UploadedFile.objects.exists()


def test_replacing_the_file_refreshes_pages_and_text(superuser_client, root_collection):
    document = DocumentFactory(pages=2, collection=root_collection)
    response = superuser_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": upload("neu.pdf", pdf_bytes(pages=5, text="Neue Fassung")),
            "collection": root_collection.pk,
            "language": "de",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.page_count == 5
    assert "Neue Fassung 4." in document.extracted_text


def test_replacing_with_a_broken_file_keeps_the_old_one(superuser_client, root_collection):
    document = DocumentFactory(pages=2, collection=root_collection)
    old_name = document.file.name
    response = superuser_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": upload("neu.pdf", HTML_BYTES),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 200
    assert "Der Inhalt der Datei passt nicht zur Endung" in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == old_name
    assert document.file.storage.exists(old_name)


@override_settings(WAGTAILDOCS_EXTENSIONS=["pdf", "txt"])
def test_configured_text_type_is_checked_for_markup(superuser_client, root_collection):
    response = single_upload(
        superuser_client, root_collection, upload("liste.txt", HTML_BYTES, "text/plain")
    )
    assert "enthält HTML oder Skripte" in response.content.decode()
    response = single_upload(
        superuser_client,
        root_collection,
        upload("liste.txt", "Träger;Ort\n".encode(), "text/plain"),
    )
    assert response.status_code == 302
    assert Document.objects.get().page_count is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Bericht Über Ärger.PDF", "bericht-ueber-aerger.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("„“.pdf", "dokument.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_sanitise_filename(name, expected):
    assert sanitise_filename(name) == expected
