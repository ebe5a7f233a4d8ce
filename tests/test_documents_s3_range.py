"""Downloads from an S3 bucket (a local moto server started by the test): a ``Range``
request asks the store for just that range, a whole download streams the object in
chunks. What the store was asked and what it sent are recorded with botocore's event
hooks on the storage's client (``before-parameter-build`` / ``after-call``). The poster of
a restricted video comes from the bucket only after the video's checks."""

import os
import random
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import POSTER_FILTER
from ec_site.settings.base import s3_media_storage
from tests.factories.documents import DocumentFactory, VideoDocumentFactory, poster_image
from tests.s3_servers import S3Server

STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
SIZE = 300_000  # several 64 KB chunks
DATA = random.Random(7).randbytes(SIZE)

pytestmark = pytest.mark.s3


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server()
    server.server.start()
    yield server
    server.server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch):
    name = s3_server.create_bucket(f"ec-range-{uuid.uuid4().hex[:8]}")
    for variable, value in s3_server.environment(name).items():
        monkeypatch.setenv(variable, value)
    with override_settings(STORAGES={"default": s3_media_storage(name), "staticfiles": STATIC}):
        yield name


class StoreCalls:
    """The ``Range`` of every GetObject the storage's client sends and the number of body
    bytes the store answered with (its ``Content-Length``)."""

    def __init__(self, client):
        self.ranges = []
        self.sent = []
        events = client.meta.events
        events.register("before-parameter-build.s3.GetObject", self._asked)
        events.register("after-call.s3.GetObject", self._answered)
        self._unregister = lambda: (
            events.unregister("before-parameter-build.s3.GetObject", self._asked),
            events.unregister("after-call.s3.GetObject", self._answered),
        )

    def _asked(self, params, **kwargs):
        self.ranges.append(params.get("Range"))

    def _answered(self, parsed, **kwargs):
        self.sent.append(parsed.get("ContentLength"))

    def clear(self):
        self.ranges.clear()
        self.sent.clear()


@pytest.fixture
def store_calls(bucket):
    calls = StoreCalls(default_storage.connection.meta.client)
    yield calls
    calls._unregister()


@pytest.fixture
def document(bucket, db):
    document = DocumentFactory(
        title="Große Dokumentation", file=ContentFile(DATA, name="grosse-dokumentation.pdf")
    )
    assert document.file.size == SIZE
    return document


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=200000-", 200_000, SIZE - 1),  # open end
        ("bytes=-500", SIZE - 500, SIZE - 1),  # suffix
        ("bytes=-999999", 0, SIZE - 1),  # suffix longer than the file: all of it
        ("bytes=299990-400000", 299_990, SIZE - 1),  # end past the file: cut
        ("bytes=65530-65545", 65_530, 65_545),  # across a chunk border
    ],
)
def test_a_range_fetches_only_that_range(client, document, store_calls, header, start, end):
    store_calls.clear()
    response = client.get(f"/dokumente/{document.pk}/", HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert int(response["Content-Length"]) == end - start + 1
    assert body(response) == DATA[start : end + 1]
    expected = None if (start, end) == (0, SIZE - 1) else f"bytes={start}-{end}"
    assert store_calls.ranges == [expected]
    assert store_calls.sent == [end - start + 1]


def test_a_whole_download_is_one_streamed_fetch(client, document, store_calls):
    store_calls.clear()
    response = client.get(f"/dokumente/{document.pk}/")
    assert response.status_code == 200
    assert response.streaming
    chunks = list(response.streaming_content)
    assert b"".join(chunks) == DATA
    assert max(len(chunk) for chunk in chunks) <= 64 * 1024
    assert len(chunks) >= SIZE // (64 * 1024)
    assert store_calls.ranges == [None] and store_calls.sent == [SIZE]


def open_files_under(folder):
    """Files this process holds open below ``folder`` (also unnamed temporary files)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_a_large_download_is_not_copied_into_a_temporary_file(
    client, bucket, db, settings, tmp_path, store_calls
):
    """django-storages' own file copies the object into a temporary file (on disk above
    2 MB, in FILE_UPLOAD_TEMP_DIR) before the first byte is sent; the stream does not."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    data = random.Random(8).randbytes(3 * 1024 * 1024)
    document = DocumentFactory(title="Sehr groß", file=ContentFile(data, name="sehr-gross.pdf"))
    store_calls.clear()
    response = client.get(f"/dokumente/{document.pk}/")
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first == data[: len(first)]
    assert open_files_under(tmp_path) == []
    assert first + b"".join(chunks) == data
    assert store_calls.ranges == [None]


@pytest.mark.parametrize("header", ["bytes=300000-", "bytes=999999-1000000", "bytes=-0"])
def test_an_unsatisfiable_range_fetches_nothing(client, document, store_calls, header):
    store_calls.clear()
    response = client.get(f"/dokumente/{document.pk}/", HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert store_calls.ranges == []


def test_head_and_not_modified_fetch_no_body(client, document, store_calls):
    store_calls.clear()
    head = client.head(f"/dokumente/{document.pk}/")
    assert head.status_code == 200 and head["Content-Length"] == str(SIZE)
    again = client.get(f"/dokumente/{document.pk}/", HTTP_IF_NONE_MATCH=head["ETag"])
    assert again.status_code == 304
    assert store_calls.ranges == []


def test_a_stopped_download_ends_the_fetch(client, document, store_calls):
    """A visitor who leaves after the first chunk: the rest is not read from the store."""
    store_calls.clear()
    response = client.get(f"/dokumente/{document.pk}/")
    first = next(iter(response.streaming_content))
    response.close()
    assert first == DATA[: len(first)]
    assert store_calls.ranges == [None]


def test_a_missing_object_is_404(client, document, store_calls):
    default_storage.delete(document.file.name)
    response = client.get(f"/dokumente/{document.pk}/", HTTP_RANGE="bytes=0-9")
    assert response.status_code == 404
    assert store_calls.ranges == []


def test_a_restricted_document_is_checked_before_the_store_is_asked(
    client, document, store_calls, django_user_model
):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.collection = collection
    document.save()
    store_calls.clear()
    refused = client.get(f"/dokumente/{document.pk}/", HTTP_RANGE="bytes=0-99")
    assert refused.status_code == 302
    assert store_calls.ranges == []

    client.force_login(django_user_model.objects.create_user("leserin", password="x" * 12))
    allowed = client.get(f"/dokumente/{document.pk}/", HTTP_RANGE="bytes=0-99")
    assert allowed.status_code == 206 and body(allowed) == DATA[:100]
    assert "private" in allowed["Cache-Control"]
    assert store_calls.ranges == ["bytes=0-99"]


def test_the_poster_of_a_restricted_video_from_the_bucket(client, bucket, db, django_user_model):
    collection = Collection.get_first_root_node().add_child(name="Intern Video")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    video = VideoDocumentFactory(collection=collection, poster=poster_image())
    rendition = video.poster.get_rendition(POSTER_FILTER)
    with rendition.file.open("rb") as file:
        data = file.read()
    assert client.get(video.poster_url).status_code == 302
    assert client.get(rendition.url).status_code == 404
    client.force_login(django_user_model.objects.create_user("leserin", password="x" * 12))
    response = client.get(video.poster_url)
    assert response.status_code == 200 and body(response) == data
