"""The document library in production (collections, permissions of Redaktion from the
migration) and in the demo (idempotent)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from documents import demo
from documents.models import DocumentListPage
from home import demo as home_demo
from tests.factories.documents import pdf_bytes, upload

Document = get_document_model()
permission_policy = policy_registry.get_by_type(Document)
LIBRARY = ["Dokumentationen", "Programmtexte", "Newsletter-Archiv"]


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("redakteurin", "r@example.org", "pw")
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def test_migration_creates_the_library_collections(db):
    root = Collection.get_first_root_node()
    assert set(LIBRARY) <= set(root.get_children().values_list("name", flat=True))


def test_redaktion_may_add_and_change_documents_in_the_library_only(editor):
    year = demo.documentation_collection(2005)
    intern = demo.ensure_collection("Intern")
    allowed = set(permission_policy.collections_user_has_permission_for(editor, "add"))
    assert {c.name for c in allowed} >= set(LIBRARY)
    assert year in allowed
    assert intern not in allowed
    assert Collection.get_first_root_node() not in allowed
    changeable = permission_policy.collections_user_has_permission_for(editor, "change")
    assert year in set(changeable)
    choosable = permission_policy.collections_user_has_permission_for(editor, "choose")
    assert intern in set(choosable)


def test_redaktion_uploads_a_documentation(client, editor):
    client.force_login(editor)
    year = demo.documentation_collection(2005)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Doku", "file": upload("doku.pdf", pdf_bytes()), "collection": year.pk},
    )
    assert response.status_code == 302
    assert Document.objects.get().collection == year
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Doku",
            "file": upload("doku.pdf", pdf_bytes()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert Document.objects.count() == 1


def test_demo_is_idempotent(db):
    home_demo.build(io.StringIO())
    demo.build(io.StringIO())
    counts = (
        Document.objects.count(),
        Collection.objects.count(),
        DocumentListPage.objects.count(),
    )
    assert counts[0] >= 8
    assert all(document.page_count for document in Document.objects.all())
    assert demo.documentation_collection(2004).get_children().count() == 0
    demo.build(io.StringIO())
    assert counts == (
        Document.objects.count(),
        Collection.objects.count(),
        DocumentListPage.objects.count(),
    )


def test_collection_tree_stays_consistent_after_the_migration(db):
    """The migration builds paths by hand; they must follow treebeard's name order
    (``Collection.node_order_by``), also among collections that existed before."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("documents.migrations.0004_library_collections_and_permissions")
    root = Collection.get_first_root_node()
    for collection in root.get_children():
        collection.delete()
    for name in ("Archiv", "Zeitschriften", "Ordner"):
        Collection.get_first_root_node().add_child(name=name)
    Collection.get_first_root_node().get_children().get(name="Ordner").add_child(name="Unterordner")

    migration.library_collections(apps, None)
    migration.library_collections(apps, None)  # idempotent

    root = Collection.get_first_root_node()
    names = [c.name for c in root.get_children()]
    assert names == sorted([*LIBRARY, "Archiv", "Zeitschriften", "Ordner"])
    assert root.numchild == len(names)
    assert [c.name for c in Collection.objects.get(name="Ordner").get_children()] == ["Unterordner"]
    root.add_child(name="Passwort")
    assert not any(Collection.find_problems())
