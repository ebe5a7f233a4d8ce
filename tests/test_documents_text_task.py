"""Reading a PDF's page count and text in the background task, with limits: the upload
answers at once, a worker reads the file later, and crafted PDFs (one huge shared content
stream, 10,000 pages) are kept but marked „zu groß“ instead of stalling anything."""

import io
import tempfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model
from wagtail.search.backends import get_search_backend

from documents import pdf_sandbox
from documents.intake import store_document
from documents.models import TextStatus
from documents.tasks import read_text
from tests.factories.documents import (
    HTML_BYTES,
    DocumentFactory,
    many_pages_pdf,
    media_files,
    pdf_bytes,
    raw_pdf,
    shared_stream_bomb_pdf,
    upload,
)

Document = get_document_model()

# A small memory limit makes the crafted PDFs quick to give up on (the bomb needs 70 MB for
# its stream alone); the timeout is generous for a busy machine. Limits are tested, not time.
TEST_LIMITS = {"max_pages": 2000, "timeout": 30, "memory_mb": 64}
# The worker runs after the upload's transaction has committed, as in production (and
# db_worker closes connections that are inside a transaction).
AFTER_COMMIT = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "newsletter": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "feedback": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "documents": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []},
}


@pytest.fixture(autouse=True)
def _test_limits(settings):
    settings.PDF_TEXT_LIMITS = TEST_LIMITS


def single_upload(client, collection, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": upload(name, data), "collection": collection.pk, "language": "de"},
    )


def edit_view(client, document):
    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


def run_worker():
    call_command(
        "db_worker", "--backend", "documents", "--batch", "--no-startup-delay", verbosity=0
    )


CRAFTED = [
    ("normal", lambda: pdf_bytes(pages=4, text="Schulsozialarbeit"), TextStatus.DONE, 4),
    ("shared-stream-bomb", shared_stream_bomb_pdf, TextStatus.TOO_LARGE, 250),
    ("10000-pages", many_pages_pdf, TextStatus.TOO_LARGE, 10_000),
]


@pytest.mark.parametrize(("name", "make", "status", "pages"), CRAFTED, ids=[c[0] for c in CRAFTED])
@override_settings(TASKS=DATABASE_QUEUE)
@AFTER_COMMIT
def test_upload_answers_at_once_and_the_worker_marks_the_document(
    superuser_client, root_collection, name, make, status, pages
):
    response = single_upload(superuser_client, root_collection, f"{name}.pdf", make())

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.text_status == TextStatus.PENDING
    assert document.page_count is None
    assert DBTaskResult.objects.filter(task_path="documents.tasks.read_document_text").count() == 1
    assert "Textauslesung: wartet" in edit_view(superuser_client, document)

    run_worker()

    document.refresh_from_db()
    assert document.text_status == status
    assert document.page_count == pages
    page = edit_view(superuser_client, document)
    if status == TextStatus.DONE:
        assert "Schulsozialarbeit 3." in document.extracted_text
        assert "Textauslesung: gelesen, 4 Seiten." in page
    else:
        assert document.extracted_text == ""
        assert "Textauslesung: zu groß." in page
        assert "kann heruntergeladen werden" in page
        # Kept: the file is served like any other.
        assert superuser_client.get(document.url).status_code == 200


@override_settings(TASKS=DATABASE_QUEUE)
@AFTER_COMMIT
def test_text_is_searchable_only_once_the_task_has_read_it(superuser_client, root_collection):
    single_upload(
        superuser_client, root_collection, "doku.pdf", pdf_bytes(pages=2, text="Gemeinwesenarbeit")
    )
    backend = get_search_backend()
    assert list(backend.search("Gemeinwesenarbeit", Document)) == []

    run_worker()

    assert [d.title for d in backend.search("Gemeinwesenarbeit", Document)] == ["doku.pdf"]


def test_ten_thousand_pages_kept_with_a_german_note(superuser_client, root_collection):
    response = single_upload(superuser_client, root_collection, "dick.pdf", many_pages_pdf())

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.text_status == TextStatus.TOO_LARGE
    assert document.text_note == "Es hat 10.000 Seiten, gelesen werden höchstens 2.000."
    assert "Es hat 10.000 Seiten" in edit_view(superuser_client, document)


def test_bomb_in_the_multiple_uploader_is_accepted_and_marked(superuser_client, root_collection):
    bomb = upload("bombe.pdf", shared_stream_bomb_pdf())
    response = superuser_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": bomb, "collection": root_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.json()["success"] is True
    document = Document.objects.get()
    assert document.text_status == TextStatus.TOO_LARGE
    assert document.extracted_text == ""


def test_replacing_the_file_reads_the_new_one(superuser_client, root_collection):
    document = DocumentFactory(pages=2, collection=root_collection)
    superuser_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": upload("bombe.pdf", shared_stream_bomb_pdf()),
            "collection": root_collection.pk,
            "language": "de",
        },
    )
    document.refresh_from_db()
    assert document.text_status == TextStatus.TOO_LARGE
    assert document.extracted_text == ""


def _read(data, **limits):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        copy.write(data)
        copy.flush()
        return pdf_sandbox.read_pdf_limited(copy.name, pdf_sandbox.Limits(**limits))


def test_memory_limit_stops_the_child():
    # 70 MB of content do not fit into 32 MB: the child gives up, the caller gets an answer.
    outcome = _read(shared_stream_bomb_pdf(), memory_mb=32, timeout=30)
    assert outcome.status == pdf_sandbox.TOO_LARGE
    assert outcome.reason in (pdf_sandbox.MEMORY, pdf_sandbox.DIED)
    assert outcome.page_count == 250


def test_time_limit_stops_the_child():
    outcome = _read(shared_stream_bomb_pdf(), memory_mb=2048, timeout=1)
    assert outcome.status == pdf_sandbox.TOO_LARGE
    assert outcome.reason == pdf_sandbox.TIMED_OUT


def test_page_limit_is_checked_on_the_real_page_tree():
    # The root declares 1 page; the tree holds 30.
    data = many_pages_pdf(30).replace(b"/Count 30", b"/Count 1 ")
    outcome = _read(data, max_pages=10)
    assert outcome.status == pdf_sandbox.TOO_LARGE
    assert outcome.reason == "Es hat mehr als 10 Seiten, gelesen werden höchstens 10."


def test_broken_page_tree_is_unreadable_not_an_error():
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids 7 /Count 1 >>"])
    outcome = _read(data)
    assert outcome.status == pdf_sandbox.UNREADABLE
    assert outcome.text == ""


def test_task_for_a_deleted_document_does_nothing(db):
    document = DocumentFactory()
    pk = document.pk
    document.delete()
    assert read_text(pk) is None


def test_task_leaves_a_document_alone_that_is_not_waiting(db):
    document = DocumentFactory(pages=3)
    Document.objects.filter(pk=document.pk).update(extracted_text="von Hand")
    assert read_text(document.pk) is None
    document.refresh_from_db()
    assert document.extracted_text == "von Hand"


def test_store_document_checks_like_an_upload(root_collection):
    before = media_files()
    with pytest.raises(ValidationError, match="passt nicht zur Endung"):
        store_document(upload("alt.pdf", HTML_BYTES), title="Alt", collection=root_collection)
    assert not Document.objects.exists()
    assert media_files() == before


def test_store_document_stores_and_reads_a_pdf(root_collection):
    file = io.BytesIO(pdf_bytes(pages=3, text="Stadtteilarbeit"))
    file.name = "Alte Doku 2003.PDF"
    document = store_document(file, title="Alte Doku", collection=root_collection, year=2003)
    assert document.filename == "alte-doku-2003.pdf"
    assert document.year == 2003
    assert document.text_status == TextStatus.DONE
    assert "Stadtteilarbeit 2." in document.extracted_text


@override_settings(TASKS=DATABASE_QUEUE)
@AFTER_COMMIT
def test_editing_the_title_meanwhile_keeps_what_the_worker_read(superuser_client, root_collection):
    single_upload(superuser_client, root_collection, "doku.pdf", pdf_bytes(pages=3))
    loaded_before = Document.objects.get()  # still „wartet“, as the edit form loaded it
    run_worker()

    loaded_before.title = "Neuer Titel"
    loaded_before.save()

    document = Document.objects.get()
    assert document.title == "Neuer Titel"
    assert document.text_status == TextStatus.DONE
    assert document.page_count == 3


@override_settings(TASKS=DATABASE_QUEUE)
@AFTER_COMMIT
def test_demo_documents_have_their_text_without_a_worker():
    from documents.demo import documentation_collection, ensure_document

    document, created = ensure_document(
        "Demo-Dokumentation",
        documentation_collection(2005),
        "demo.pdf",
        [("Ergebnisse", ["Beteiligung im Quartier."])],
    )
    assert created
    assert document.text_status == TextStatus.DONE
    assert "Beteiligung im Quartier." in Document.objects.get().extracted_text
    # The queued task finds it done and leaves it alone.
    run_worker()
    assert Document.objects.get().text_status == TextStatus.DONE
