"""Downloads handed to nginx (DOCUMENTS_ACCEL_REDIRECT_PREFIX): the site checks, nginx sends.
The real nginx in front of gunicorn: tests/test_deploy_nginx.py."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.documents import DocumentFactory

PREFIX = "/_dokumente_intern/"


@pytest.fixture
def accel(settings):
    settings.DOCUMENTS_ACCEL_REDIRECT_PREFIX = PREFIX


@pytest.fixture
def document(db):
    return DocumentFactory(title="Dokumentation Fachforum", filename="fachforum-2005.pdf")


def test_a_public_document_is_handed_to_nginx(client, accel, document):
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == PREFIX + document.file.name
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="fachforum-2005.pdf"'


def test_without_the_setting_the_worker_sends_the_file(client, document):
    response = client.get(document.url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_checks_come_first(client, accel, document, django_user_model):
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.collection = private
    document.save()
    response = client.get(document.url)
    assert response.status_code == 302 and "X-Accel-Redirect" not in response

    client.force_login(django_user_model.objects.create_user("leserin", password="pw"))
    response = client.get(document.url)
    assert response["X-Accel-Redirect"] == PREFIX + document.file.name
    assert "private" in response["Cache-Control"]


def test_a_waiting_upload_is_not_handed_out(client, accel, document):
    document.approved = False
    document.save()
    assert client.get(document.url).status_code == 404


def test_a_known_version_gives_304_without_nginx(client, accel, document):
    response = client.get(document.url, headers={"if-none-match": f'"{document.file_hash}"'})
    assert response.status_code == 304
    assert "X-Accel-Redirect" not in response


def test_a_missing_file_is_404(client, accel, document):
    document.file.storage.delete(document.file.name)
    assert client.get(document.url).status_code == 404
