"""Redaktion files a 2027 documentation: a document with a year, filed into
„Dokumentationen“, lands in the year's collection, created when first needed (issue 16)."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

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
