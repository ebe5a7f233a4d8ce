"""Redaktion files a 2027 documentation: a document with a year, filed into
„Dokumentationen“, lands in the year's collection, created when first needed (issue 16)."""

import threading
import time

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.collections import year_collection
from documents.demo import DOCUMENTATION, documentation_collection
from tests.factories.documents import DocumentFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db
Document = get_document_model()


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("redakteurin", "redaktion@example.org", "pw")
    user.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(user)
    return client


def documentation_root():
    return Collection.objects.get(name=DOCUMENTATION, depth=2)


def test_redaktion_uploads_a_2027_documentation(editor_client):
    assert not documentation_root().get_children().filter(name="2027").exists()
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Dokumentation Fachforum 2027",
            "file": upload("fachforum.pdf", pdf_bytes()),
            "collection": documentation_root().pk,
            "year": "2027",
            "language": "de",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title="Dokumentation Fachforum 2027")
    assert document.collection.name == "2027"
    assert document.collection.get_parent().pk == documentation_root().pk


def test_redaktion_sets_the_year_later(editor_client):
    # Redaktion edits its own uploads only (tests/test_permission_matrix.py).
    document = DocumentFactory(
        title="Ohne Jahr",
        collection=documentation_root(),
        uploaded_by_user=User.objects.get(username="redakteurin"),
    )
    response = editor_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Ohne Jahr",
            "collection": documentation_root().pk,
            "year": "2027",
            "language": "de",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    document.refresh_from_db()
    assert document.collection.name == "2027"


def test_existing_year_collection_is_reused():
    existing = documentation_collection(2005)
    document = DocumentFactory(title="Doku", year=2005, collection=documentation_root())
    assert document.collection.pk == existing.pk
    assert documentation_root().get_children().filter(name="2005").count() == 1


def test_other_collections_are_left_alone():
    programme = Collection.objects.get(name="Programmtexte")
    document = DocumentFactory(title="Programmtext", year=2003, collection=programme)
    assert document.collection.pk == programme.pk


def test_the_year_collection_is_created_once():
    root = documentation_root()
    first = year_collection(root, 2031)
    assert year_collection(root, 2031).pk == first.pk
    assert year_collection(Collection.objects.get(pk=root.pk), "2031").pk == first.pk
    DocumentFactory(title="Doku 2031", year=2031, collection=root)
    assert list(documentation_root().get_children().filter(name="2031")) == [first]


POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Uploads in other threads during an open transaction need PostgreSQL (SQLite's "
    "shared in-memory test database locks its tables for other connections).",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgres
@POSTGRES_ONLY
def test_an_upload_waits_while_another_creates_the_year():
    """The first upload of 2035 is creating its collection (holding the parent) when a
    second one arrives: the second waits and files into the same collection."""
    root = documentation_root()
    second = {}
    started = threading.Event()

    def second_upload():
        try:
            started.set()
            document = DocumentFactory(title="Zweite Doku 2035", year=2035, collection=root)
            second["collection"] = document.collection.pk
        finally:
            connection.close()

    thread = threading.Thread(target=second_upload)
    with transaction.atomic():
        first = year_collection(root, 2035)
        thread.start()
        assert started.wait(10)
        time.sleep(0.5)  # the second upload reaches the collection while this one holds it
        assert "collection" not in second, "the second upload did not wait"
    thread.join(20)
    assert not thread.is_alive()
    assert second["collection"] == first.pk
    assert documentation_root().get_children().filter(name="2035").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgres
@POSTGRES_ONLY
def test_simultaneous_first_uploads_of_a_year_share_one_collection():
    root = documentation_root()
    uploads = 4
    ready = threading.Barrier(uploads)
    results, errors = [], []

    def upload(n):
        try:
            ready.wait(10)
            document = DocumentFactory(title=f"Doku {n}", year=2036 + n % 2, collection=root)
            results.append((document.year, document.collection.pk))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(uploads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    by_year = {year: {pk for y, pk in results if y == year} for year, _ in results}
    assert all(len(pks) == 1 for pks in by_year.values()), by_year
    for year in ("2036", "2037"):
        assert documentation_root().get_children().filter(name=year).count() == 1
