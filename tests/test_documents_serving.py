"""Downloads through the serve view: privacy, headers, 304, 206, HEAD, stable URLs."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.documents import DocumentFactory, pdf_bytes, upload
from tests.login import log_in

Document = get_document_model()


@pytest.fixture
def document(db):
    return DocumentFactory(title="Dokumentation Fachforum", pages=3, filename="fachforum-2005.pdf")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_full_download_headers(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    data = body(response)
    with document.file.open("rb") as file:
        assert data == file.read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Disposition"] == 'inline; filename="fachforum-2005.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == f'"{document.file_hash}"'
    assert response["Last-Modified"]
    assert response.streaming


def test_other_types_are_attachments_with_rfc6266_names(client, db, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
    document = DocumentFactory(title="Liste")
    document.file.save("träger-liste.txt", upload("x.txt", b"Traeger\n"), save=True)
    response = client.get(document.url)
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''tr%C3%A4ger-liste.txt")


def test_etag_gives_304(client, document):
    etag = client.get(document.url)["ETag"]
    response = client.get(document.url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == b""


def test_last_modified_gives_304(client, document):
    last_modified = client.get(document.url)["Last-Modified"]
    response = client.get(document.url, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_changed_document_is_sent_again(client, document):
    response = client.get(document.url, headers={"if-none-match": '"veraltet"'})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("range_header", "start", "end"),
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-50", None, None)],
)
def test_range_request_gives_206(client, document, range_header, start, end):
    size = document.file.size
    with document.file.open("rb") as file:
        data = file.read()
    if start is None:  # suffix range
        start, end = size - 50, size - 1
    end = size - 1 if end is None else end
    response = client.get(document.url, headers={"range": range_header})
    assert response.status_code == 206
    assert body(response) == data[start : end + 1]
    assert response["Content-Range"] == f"bytes {start}-{end}/{size}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Content-Type"] == "application/pdf"


def test_unsatisfiable_range_gives_416(client, document):
    response = client.get(document.url, headers={"range": "bytes=999999999-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{document.file.size}"


def test_range_is_ignored_when_if_range_does_not_match(client, document):
    response = client.get(
        document.url, headers={"range": "bytes=0-9", "if-range": '"alte-fassung"'}
    )
    assert response.status_code == 200
    response = client.get(
        document.url, headers={"range": "bytes=0-9", "if-range": f'"{document.file_hash}"'}
    )
    assert response.status_code == 206


def test_head_has_headers_and_no_body(client, document):
    response = client.head(document.url)
    assert response.status_code == 200
    assert response["Content-Length"] == str(document.file.size)
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"]
    assert body(response) == b""


def test_post_is_not_allowed(client, document):
    assert client.post(document.url).status_code == 405


def test_unknown_document_is_404(client, db):
    assert client.get(reverse("documents:serve", args=[999])).status_code == 404


def test_wagtail_url_with_file_name_redirects_to_stable_url(client, document):
    legacy = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    response = client.get(legacy)
    assert response.status_code == 301
    assert response["Location"] == document.url


def test_url_stays_the_same_when_the_file_is_replaced(client, django_user_model, document):
    url = document.url
    old_filename = document.filename
    admin = django_user_model.objects.create_superuser("chefin", "c@example.org", "pw")
    log_in(client, admin)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": upload("fachforum-2005-korrigiert.pdf", pdf_bytes(pages=7)),
            "collection": document.collection_id,
        },
    )
    assert response.status_code == 302
    client.logout()
    document.refresh_from_db()
    assert document.filename != old_filename
    assert document.url == url
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="fachforum-2005-korrigiert.pdf"'
    # Links to Wagtail's old address with the old file name still arrive.
    old = client.get(reverse("wagtaildocs_serve", args=[document.pk, old_filename]), follow=True)
    assert old.status_code == 200


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return DocumentFactory(title="Interne Notiz", collection=collection)


def test_private_collection_is_not_downloadable_anonymously(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert client.head(private_document.url).status_code == 302
    assert client.get(private_document.url, headers={"range": "bytes=0-9"}).status_code == 302


def test_private_collection_is_downloadable_when_logged_in(
    client, private_document, django_user_model
):
    user = django_user_model.objects.create_user("leserin", "l@example.org", "pw")
    log_in(client, user)
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_password_restriction_asks_for_password(client, db):
    collection = Collection.get_first_root_node().add_child(name="Passwort")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="geheim",
    )
    document = DocumentFactory(collection=collection)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"%PDF" not in body(response)
    assert 'name="password"' in response.content.decode()


@pytest.fixture
def debug_urls(settings):
    """The URLconf as ``DEBUG`` builds it (the tests run with ``DEBUG=False``, where no
    media file is served at all)."""
    import ec_site.urls

    settings.DEBUG = True
    settings.MEDIA_ROOT = Path(settings.MEDIA_ROOT)
    spec = importlib.util.spec_from_file_location("ec_site.debug_urls", ec_site.urls.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["ec_site.debug_urls"] = module
    settings.ROOT_URLCONF = "ec_site.debug_urls"
    yield
    del sys.modules["ec_site.debug_urls"]


def test_in_debug_images_are_served_from_media_but_documents_not(client, document, debug_urls):
    image = Path(settings.MEDIA_ROOT) / "images" / "probe.txt"
    image.parent.mkdir(exist_ok=True)
    image.write_text("Bild")
    assert client.get(settings.MEDIA_URL + "images/probe.txt").status_code == 200
    path = os.path.relpath(document.file.path, settings.MEDIA_ROOT)
    assert path.startswith("documents" + os.sep)
    assert client.get(settings.MEDIA_URL + path).status_code == 404


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-0", (0, 0)),
        ("bytes=10-5000", (10, 999)),
        ("bytes=-2000", (0, 999)),
        ("bytes=1000-", "unsatisfiable"),
        ("bytes=-0", "unsatisfiable"),
        ("bytes=5-2", None),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file (allowed by RFC 9110)
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_parse_range(header, expected):
    from documents.serving import parse_range

    assert parse_range(header, 1000) == expected
