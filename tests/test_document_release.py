"""Uploads by "Redaktion" wait for release by "Moderation" (documents/approval.py), and
the admin names the live pages that use a document before its file is replaced."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from documents.demo import ensure_collection
from documents.public import public_documents
from tests.factories.conference import EventPageFactory
from tests.factories.documents import DocumentFactory, pdf_bytes, upload
from tests.login import log_in

pytestmark = pytest.mark.django_db


def person(name, group):
    user = User.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def library(db):
    return ensure_collection("Dokumentationen")


@pytest.fixture
def editor(db):
    return person("redakteurin", "Redaktion")


@pytest.fixture
def moderator(db):
    return person("moderator", "Moderation")


def upload_as(client, user, library, title="Neue Dokumentation"):
    log_in(client, user)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "collection": library.pk,
            "language": "de",
            "file": upload("neu.pdf", pdf_bytes(title, pages=2, text="Quartiersarbeit")),
        },
    )
    assert response.status_code == 302
    return get_document_model().objects.get(title=title)


def test_an_editors_upload_waits_hidden_from_visitors(
    client, home_page, editor, library, django_capture_on_commit_callbacks
):
    document = upload_as(client, editor, library)
    assert not document.approved

    preview = client.get(document.url)  # the editor may look at it
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]

    client.logout()
    assert client.get(document.url).status_code == 404
    assert not public_documents().filter(pk=document.pk).exists()
    link = f'href="{document.url}"'
    assert link not in client.get("/suche/", {"q": "Quartiersarbeit"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        document.approved = True
        document.save()
    assert link in client.get("/suche/", {"q": "Quartiersarbeit"}).content.decode()


def test_a_moderators_upload_is_public_at_once(client, home_page, moderator, library):
    document = upload_as(client, moderator, library)
    assert document.approved
    client.logout()
    assert client.get(document.url).status_code == 200


def test_the_multiple_uploader_keeps_an_editors_file_waiting(client, home_page, editor, library):
    log_in(client, editor)
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"collection": library.pk, "files[]": upload("mehrere.pdf", pdf_bytes("Mehrere"))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"]
    assert not get_document_model().objects.get(title="mehrere.pdf").approved


def test_moderation_releases_in_the_edit_form(client, home_page, editor, moderator, library):
    document = upload_as(client, editor, library)
    edit_url = reverse("wagtaildocs:edit", args=[document.pk])

    # The editor's own edit form offers no release.
    assert 'name="release"' not in client.get(edit_url).content.decode()

    log_in(client, moderator)
    assert 'name="release"' in client.get(edit_url).content.decode()
    response = client.post(
        edit_url,
        {"title": document.title, "collection": library.pk, "language": "de", "release": "on"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.approved
    client.logout()
    assert client.get(document.url).status_code == 200


def test_publishing_a_page_releases_the_documents_it_uses(
    client, home_page, editor, moderator, library, django_capture_on_commit_callbacks
):
    document = upload_as(client, editor, library)
    unrelated = upload_as(client, editor, library, title="Anderes Dokument")
    event = EventPageFactory(title="Fachforum Nordstadt")
    event.report = [
        ("paragraph", RichText(f'<p><a linktype="document" id="{document.pk}">PDF</a></p>'))
    ]
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision(user=moderator).publish(user=moderator)
    document.refresh_from_db()
    unrelated.refresh_from_db()
    assert document.approved
    assert not unrelated.approved


def test_the_edit_form_names_the_live_pages_using_a_document(client, home_page, editor, library):
    document = DocumentFactory(title="Bericht", collection=library, uploaded_by_user=editor)
    event = EventPageFactory(title="Fachforum Nordstadt")
    event.report = [
        ("paragraph", RichText(f'<p><a linktype="document" id="{document.pk}">PDF</a></p>'))
    ]
    event.save_revision().publish()
    log_in(client, editor)
    html = client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Verwendet auf den veröffentlichten Seiten „Fachforum Nordstadt“" in html
    assert "Nur die Moderation kann die Datei ersetzen oder das Dokument löschen." in html


def test_an_editor_replacing_an_unused_file_sends_it_back_to_release(
    client, home_page, editor, library
):
    document = DocumentFactory(title="Entwurf", collection=library, uploaded_by_user=editor)
    assert document.approved
    log_in(client, editor)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Entwurf",
            "collection": library.pk,
            "language": "de",
            "file": upload("neu.pdf", pdf_bytes("Neu", pages=3)),
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert not document.approved


def document_form(*args, **kwargs):
    from wagtail.documents.forms import get_document_form

    return get_document_form(get_document_model())(*args, **kwargs)


@pytest.fixture
def policy_calls(monkeypatch):
    """Counts how often the edit form asks who manages the collection (and still asks)."""
    from documents.permissions import LibraryPermissionPolicy

    calls = []
    original = LibraryPermissionPolicy.user_manages

    def counted(policy, user, document):
        calls.append(document.collection_id)
        return original(policy, user, document)

    monkeypatch.setattr(LibraryPermissionPolicy, "user_manages", counted)
    return calls


def test_the_edit_form_asks_who_manages_once_and_once_more_to_save(
    home_page, editor, moderator, library, policy_calls
):
    document = DocumentFactory(title="Bericht", collection=library, uploaded_by_user=editor)
    get_document_model().objects.filter(pk=document.pk).update(approved=False)
    document.refresh_from_db()
    event = EventPageFactory(title="Fachforum Nordstadt")
    event.report = [
        ("paragraph", RichText(f'<p><a linktype="document" id="{document.pk}">PDF</a></p>'))
    ]
    event.save_revision().publish()
    document.refresh_from_db()
    assert not document.approved

    form = document_form(instance=document, user=moderator)
    assert "release" in form.fields and not form.fields["file"].disabled
    assert "Fachforum Nordstadt" in form.fields["file"].help_text
    assert len(policy_calls) == 1

    data = {"title": "Bericht", "collection": library.pk, "language": "de", "release": "on"}
    form = document_form(data, instance=document, user=moderator)
    assert form.is_valid(), form.errors
    form.save()
    assert len(policy_calls) == 3  # one for the bound form's fields, one for saving
    document.refresh_from_db()
    assert document.approved


def test_saving_asks_for_the_collection_chosen_in_the_form(home_page, library):
    """Someone who manages one collection and may only add to another moves a document
    there with a new file: the upload waits for release, as any upload of theirs there."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupCollectionPermission

    other = ensure_collection("Programmtexte")
    group = Group.objects.create(name="Bibliothek Dokumentationen")
    permission = {
        codename: Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
        for codename in ("add_document", "change_document")
    }
    for collection, codenames in (
        (library, ["add_document", "change_document"]),
        (other, ["add_document"]),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=permission[codename]
            )
    user = person("bibliothekarin", group.name)
    document = DocumentFactory(title="Bericht", collection=library)
    assert document.approved

    form = document_form(instance=document, user=user)
    assert "release" not in form.fields  # released already; the user manages it here
    data = {"title": "Bericht", "collection": other.pk, "language": "de"}
    files = {"file": upload("neu.pdf", pdf_bytes("Neu", pages=2))}
    form = document_form(data, files, instance=document, user=user)
    assert form.is_valid(), form.errors
    form.save()
    document.refresh_from_db()
    assert document.collection_id == other.pk
    assert not document.approved

    document = DocumentFactory(title="Zweiter Bericht", collection=library)
    data = {"title": "Zweiter Bericht", "collection": library.pk, "language": "de"}
    files = {"file": upload("neu2.pdf", pdf_bytes("Neu 2", pages=2))}
    form = document_form(data, files, instance=document, user=user)
    assert form.is_valid(), form.errors
    form.save()
    document.refresh_from_db()
    assert document.approved
