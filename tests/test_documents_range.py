"""Oversized and garbled ``Range`` headers: the serve view answers 206 for a range it
can honour, 416 for one past the end, and otherwise the whole file; never 5xx. Public
PDFs, documents of a private collection (as an editor and anonymously), videos and their
captions."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from documents.serving import parse_range
from tests.factories.documents import DocumentFactory, VideoDocumentFactory

WHOLE = "whole"
# (id, header, answer): WHOLE (200, the file), 416, or (start, end) of a 206.
BAD_HEADERS = [
    ("5000-digit-start", "bytes=" + "9" * 5000 + "-", WHOLE),
    ("4301-digit-end", "bytes=0-" + "1" * 4301, WHOLE),
    ("5000-digits-no-dash", "bytes=" + "7" * 5000, WHOLE),
    ("20-digit-start", "bytes=" + "9" * 20 + "-", 416),
    ("20-digit-end", "bytes=0-" + "9" * 20, (0, None)),
    ("20-digit-suffix", "bytes=-" + "9" * 20, (0, None)),
    ("leading-zeros", "bytes=" + "0" * 150 + "1-" + "0" * 20 + "2", (1, 2)),
    ("many-ranges", "bytes=" + ",".join(f"{n}-{n}" for n in range(2000)), WHOLE),
    ("two-ranges", "bytes=0-1,5-9", WHOLE),
    ("negative", "bytes=-5--3", WHOLE),
    ("negative-start", "bytes=-5-10", WHOLE),
    ("reversed", "bytes=10-5", WHOLE),
    ("zero-suffix", "bytes=-0", 416),
    ("only-dash", "bytes=-", WHOLE),
    ("no-unit", "0-10", WHOLE),
    ("other-unit", "items=0-10", WHOLE),
    ("arabic-digits", "bytes=\u0663-\u0665", WHOLE),
    ("fullwidth-digits", "bytes=\uff10-\uff19", WHOLE),
    ("letters", "bytes=abc-def", WHOLE),
    ("float", "bytes=0.5-1.5", WHOLE),
    ("hex", "bytes=0x10-0x20", WHOLE),
    ("spaces-inside", "bytes = 0 - 9", WHOLE),
    ("upper-case-unit", "BYTES=0-9", (0, 9)),
    ("trailing-newline", "bytes=0-9\n", (0, 9)),
    ("control-characters", "bytes=0-9\x00\x07", WHOLE),
    ("empty", "", WHOLE),
    ("huge-garbage", "x" * 8000, WHOLE),
]


def fetch(client, url, header):
    return client.get(url, headers={"range": header})


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_answer(response, data, answer):
    assert response.status_code < 500
    if answer == WHOLE:
        assert response.status_code == 200
        assert content(response) == data
    elif answer == 416:
        assert response.status_code == 416
        assert response["Content-Range"] == f"bytes */{len(data)}"
    else:
        start, end = answer
        end = len(data) - 1 if end is None else end
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes {start}-{end}/{len(data)}"
        assert content(response) == data[start : end + 1]


def file_bytes(document):
    with document.file.open("rb") as file:
        return file.read()


ids = [row[0] for row in BAD_HEADERS]


@pytest.mark.parametrize(("name", "header", "answer"), BAD_HEADERS, ids=ids)
def test_parse_range_never_raises(name, header, answer):
    size = 1000
    result = parse_range(header, size)
    if answer == WHOLE:
        assert result is None
    elif answer == 416:
        assert result == "unsatisfiable"
    else:
        assert result == (answer[0], size - 1 if answer[1] is None else answer[1])


@pytest.fixture
def public_pdf(db):
    return DocumentFactory(title="Öffentliche Dokumentation")


@pytest.fixture
def private_pdf(db):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return DocumentFactory(title="Interne Notiz", collection=collection)


@pytest.mark.parametrize(("name", "header", "answer"), BAD_HEADERS, ids=ids)
def test_public_pdf(client, public_pdf, name, header, answer):
    response = fetch(client, public_pdf.url, header)
    check_answer(response, file_bytes(public_pdf), answer)


@pytest.mark.parametrize(("name", "header", "answer"), BAD_HEADERS, ids=ids)
def test_private_pdf_for_an_editor(superuser_client, private_pdf, name, header, answer):
    response = fetch(superuser_client, private_pdf.url, header)
    check_answer(response, file_bytes(private_pdf), answer)
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "header", "answer"), BAD_HEADERS, ids=ids)
def test_private_pdf_anonymously_goes_to_the_login(client, private_pdf, name, header, answer):
    response = fetch(client, private_pdf.url, header)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.fixture
def video(db):
    return VideoDocumentFactory()


@pytest.mark.parametrize(("name", "header", "answer"), BAD_HEADERS, ids=ids)
def test_video(client, video, name, header, answer):
    response = fetch(client, video.url, header)
    check_answer(response, file_bytes(video), answer)


@pytest.mark.parametrize(("name", "header", "answer"), BAD_HEADERS, ids=ids)
def test_video_captions(client, video, name, header, answer):
    response = fetch(client, video.captions_url, header)
    with video.captions.open("rb") as file:
        check_answer(response, file.read(), answer)


@pytest.mark.parametrize("if_range", ["\x00" * 100, "9" * 5000, 'W/"' + "x" * 5000, "Mon, 99 Foo"])
def test_garbled_if_range_sends_the_whole_file(client, public_pdf, if_range):
    response = client.get(public_pdf.url, headers={"range": "bytes=0-9", "if-range": if_range})
    assert response.status_code == 200
    assert content(response) == file_bytes(public_pdf)
