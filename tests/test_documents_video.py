"""Videos in the document library: running time and size read from MP4/WebM headers,
upload rules on the content, WebVTT captions (checked, served under the video's privacy),
Range requests, the video block."""

import datetime
import io
import os
import struct

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, UploadedFile

from documents.media_info import VideoProblem, read_video
from documents.templatetags.document_tags import document_meta
from documents.webvtt import check_webvtt
from home.blocks import VideoBlock
from tests.factories.documents import (
    CAPTIONS_BYTES,
    DEMO_VIDEO,
    HTML_BYTES,
    DocumentFactory,
    VideoDocumentFactory,
    media_files,
    pdf_bytes,
    upload,
    video_bytes,
)
from tests.factories.home import SectionPageFactory

Document = get_document_model()
seconds = datetime.timedelta


# Reading running time and picture size


@pytest.mark.parametrize(
    ("name", "duration", "width", "height"),
    [
        ("h264-160x90-1s.mp4", seconds(seconds=1), 160, 90),
        ("h264-aac-320x240-2500ms-faststart.mp4", seconds(seconds=2.5), 320, 240),
        ("vp8-opus-176x144-1500ms.webm", seconds(seconds=1.508), 176, 144),
    ],
)
def test_reads_ffmpeg_files(name, duration, width, height):
    info = read_video(io.BytesIO(video_bytes(name)), name.rsplit(".", 1)[1])
    assert (info.duration, info.width, info.height) == (duration, width, height)


def test_reads_the_demo_video():
    with open(DEMO_VIDEO, "rb") as file:
        info = read_video(file, "webm")
        assert file.tell() == 0
    assert (info.duration, info.width, info.height) == (seconds(seconds=4), 640, 360)


def _box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _mp4_version_1(timescale, duration, width, height, fragmented=False):
    """An MP4 header with 64-bit (version 1) mvhd and tkhd, as cameras write long files;
    ``fragmented``: the length only in ``mvex/mehd``, mvhd says 0."""
    length = 0 if fragmented else duration
    mvhd = _box(b"mvhd", b"\1\0\0\0" + struct.pack(">QQIQ", 0, 0, timescale, length) + bytes(80))
    tkhd = _box(
        b"tkhd",
        b"\1\0\0\3"
        + struct.pack(">QQIIQ", 0, 0, 1, 0, duration)
        + bytes(52)
        # 16.16 fixed point
        + struct.pack(">II", width << 16, height << 16),
    )
    hdlr = _box(b"hdlr", bytes(8) + b"vide" + bytes(12) + b"Video\0")
    trak = _box(b"trak", tkhd + _box(b"mdia", hdlr))
    mvex = _box(b"mvex", _box(b"mehd", b"\1\0\0\0" + struct.pack(">Q", duration)))
    moov = mvhd + trak + (mvex if fragmented else b"")
    return _box(b"ftyp", b"isom\0\0\2\0isommp41") + _box(b"moov", moov)


@pytest.mark.parametrize("fragmented", [False, True], ids=["mvhd", "mehd"])
def test_reads_64_bit_mp4_headers(fragmented):
    data = _mp4_version_1(90_000, 90_000 * 3725, width=1920, height=1080, fragmented=fragmented)
    info = read_video(io.BytesIO(data), "mp4")
    assert (info.duration, info.width, info.height) == (seconds(hours=1, seconds=125), 1920, 1080)


def _element(element_id, payload):
    return element_id + (0x0100000000000000 | len(payload)).to_bytes(8, "big") + payload


def test_reads_matroska_with_unknown_segment_size_and_float32_duration():
    """Live encoders write the segment with "unknown" size and a 4-byte duration."""
    header = _element(b"\x1a\x45\xdf\xa3", _element(b"\x42\x82", b"matroska"))
    info = _element(
        b"\x15\x49\xa9\x66",
        _element(b"\x2a\xd7\xb1", (1_000_000).to_bytes(3, "big"))
        + _element(b"\x44\x89", struct.pack(">f", 12_500.0)),
    )
    video = _element(
        b"\xe0", _element(b"\xb0", (1280).to_bytes(2, "big")) + _element(b"\xba", b"\x02\xd0")
    )
    tracks = _element(
        b"\x16\x54\xae\x6b",
        _element(b"\xae", _element(b"\x83", b"\x02"))  # an audio track first
        + _element(b"\xae", _element(b"\x83", b"\x01") + video),
    )
    segment = b"\x18\x53\x80\x67" + b"\x01\xff\xff\xff\xff\xff\xff\xff" + info + tracks
    info = read_video(io.BytesIO(header + segment + b"\x1f\x43\xb6\x75\xff"), "webm")
    assert (info.duration, info.width, info.height) == (seconds(seconds=12.5), 1280, 720)


@pytest.mark.parametrize(
    ("data", "extension", "message"),
    [
        (video_bytes("audio-only.mp4"), "mp4", "Die Datei enthält keine Videospur."),
        (video_bytes("audio-only.webm"), "webm", "Die Datei enthält keine Videospur."),
        (video_bytes("h264-128x72-2s-fragmented.mp4"), "mp4", "Laufzeit des Videos lässt sich"),
        (video_bytes("h264-160x90-1s.mp4")[:3000], "mp4", "beschädigt oder unvollständig"),
        (DEMO_VIDEO.read_bytes()[:60], "webm", "beschädigt oder unvollständig"),
        (DEMO_VIDEO.read_bytes()[:-100], "webm", "beschädigt oder unvollständig"),
        (b"\0\0\0\x18ftypmp42" + bytes(2000), "mp4", "fehlt das Inhaltsverzeichnis"),
        (b"\x1a\x45\xdf\xa3" + b"\xff" * 100, "webm", "fehlt das Segment mit dem Inhalt"),
        (b"", "webm", "Die Datei ist keine WebM-Datei."),
    ],
    ids=[
        *(
            "mp4-audio",
            "webm-audio",
            "mp4-fragmented-no-length",
            "mp4-cut",
            "webm-cut",
            "webm-end-cut",
            "mp4-no-moov",
        ),
        *("webm-junk", "empty"),
    ],
)
def test_refuses_what_is_not_a_video(data, extension, message):
    with pytest.raises(VideoProblem, match=message):
        read_video(io.BytesIO(data), extension)


# WebVTT captions


@pytest.mark.parametrize(
    "text",
    [
        "WEBVTT\n\n00:01.000 --> 00:04.000\nHallo\n",
        "\ufeffWEBVTT - Deutsch\r\n\r\n1\r\n00:00:01.000 --> 01:00:04.500 align:start\r\nÄ\r\n",
        "WEBVTT\n\nNOTE ein Kommentar\n\n00:00.000 --> 00:00.001\n<v Sprecherin>Text</v>\n",
    ],
    ids=["short-timestamps", "bom-crlf-settings", "note-and-voice"],
)
def test_valid_webvtt(text):
    assert check_webvtt(text.encode("utf-8")) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nGrüße\n".encode("latin-1"), "nicht UTF-8-codiert"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n", "erste Zeile muss mit „WEBVTT“ beginnen"),
        (b"WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", "erste Zeile muss mit „WEBVTT“ beginnen"),
        (b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nx\n", "Zeile 3: Die Zeitangabe"),
        (b"WEBVTT\n\n00:01.000 --> 00:61.000\nx\n", "Zeile 3: Die Zeitangabe"),
        (b"WEBVTT\n\n00:05.000 --> 00:02.000\nx\n", "Zeile 3: Der Untertitel endet nicht"),
        (b"WEBVTT\n\nnur Text\n", "enthält keine Untertitel"),
        (b"WEBVTT\n" + b"x" * (1024 * 1024), "zu groß"),
    ],
    ids=["latin-1", "srt", "bad-signature", "comma", "seconds-61", "backwards", "no-cue", "big"],
)
def test_invalid_webvtt_gets_a_german_message(data, message):
    with pytest.raises(ValidationError) as refused:
        check_webvtt(data)
    assert message in refused.value.messages[0]


# Upload in the admin


def add_document(client, collection, file, captions=None, title="DGS-Video"):
    data = {"title": title, "file": file, "collection": collection.pk, "language": "de"}
    if captions is not None:
        data["captions"] = captions
    return client.post(reverse("wagtaildocs:add"), data)


def test_video_upload_reads_running_time_and_size_and_keeps_captions(
    superuser_client, root_collection
):
    response = add_document(
        superuser_client,
        root_collection,
        upload("DGS Begrüßung.webm", DEMO_VIDEO.read_bytes(), "video/webm"),
        upload("Untertitel Begrüßung.vtt", CAPTIONS_BYTES, "text/vtt"),
    )
    assert response.status_code == 302
    video = Document.objects.get()
    assert video.filename == "dgs-begruessung.webm"
    assert (video.duration, video.width, video.height) == (seconds(seconds=4), 640, 360)
    assert os.path.basename(video.captions.name) == "untertitel-begruessung.vtt"
    assert video.captions.read() == CAPTIONS_BYTES

    edit = superuser_client.get(reverse("wagtaildocs:edit", args=[video.pk])).content.decode()
    assert "Aktuelles Video: WEBM, Laufzeit 0:04 Minuten, 640 × 360 Pixel." in edit
    # The current captions are linked through the serve view, never the media folder.
    assert f'<a href="/dokumente/{video.pk}/untertitel/">untertitel-begruessung.vtt</a>' in edit
    assert "/media/documents/" not in edit


def test_multiple_upload_reads_an_mp4(superuser_client, root_collection):
    response = superuser_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": upload(
                "kurz.mp4", video_bytes("h264-aac-320x240-2500ms-faststart.mp4"), "video/mp4"
            ),
            "collection": root_collection.pk,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is True
    video = Document.objects.get()
    assert (video.duration, video.width, video.height) == (seconds(seconds=2.5), 320, 240)
    assert "captions" not in response.json()["form"]


REFUSED_VIDEOS = [
    ("ton.webm", video_bytes("audio-only.webm"), None, "Die Datei enthält keine Videospur."),
    ("ton.mp4", video_bytes("audio-only.mp4"), None, "Die Datei enthält keine Videospur."),
    ("seite.webm", HTML_BYTES, None, "Der Inhalt der Datei passt nicht zur Endung „.webm“"),
    (
        "falsch.mp4",
        DEMO_VIDEO.read_bytes(),
        None,
        "Der Inhalt der Datei passt nicht zur Endung „.mp4“ (erkannt: WEBM)",
    ),
    (
        "abgebrochen.mp4",
        video_bytes("h264-aac-320x240-2500ms-faststart.mp4")[:2000],
        None,
        "beschädigt oder unvollständig",
    ),
    (
        "video.webm",
        DEMO_VIDEO.read_bytes(),
        ("untertitel.vtt", b"00:01.000 --> 00:02.000\nx\n"),
        "Das ist keine WebVTT-Datei",
    ),
    (
        "video.webm",
        DEMO_VIDEO.read_bytes(),
        ("untertitel.srt", b"1\n00:00:01,000 --> 00:00:02,000\nx\n"),
        "Untertitel müssen eine WebVTT-Datei mit der Endung „.vtt“ sein.",
    ),
    (
        "video.webm",
        DEMO_VIDEO.read_bytes(),
        ("untertitel.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nÄ\n".encode("cp1252")),
        "Die Untertiteldatei ist nicht UTF-8-codiert.",
    ),
    (
        "bericht.pdf",
        pdf_bytes(),
        ("untertitel.vtt", CAPTIONS_BYTES),
        "Untertitel gibt es nur für Videos (MP4 oder WebM).",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "captions", "message"),
    REFUSED_VIDEOS,
    ids=[
        "webm-audio",
        "mp4-audio",
        "html",
        "webm-as-mp4",
        "cut",
        "no-header",
        "srt",
        "cp1252",
        "pdf",
    ],
)
def test_refused_videos_and_captions_leave_nothing_behind(
    superuser_client, root_collection, name, content, captions, message
):
    before = media_files()
    response = add_document(
        superuser_client,
        root_collection,
        upload(name, content, "application/octet-stream"),
        upload(*captions, "text/vtt") if captions else None,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert media_files() == before


def test_replacing_the_video_refreshes_running_time(superuser_client, root_collection):
    video = VideoDocumentFactory(collection=root_collection)
    response = superuser_client.post(
        reverse("wagtaildocs:edit", args=[video.pk]),
        {
            "title": video.title,
            "file": upload("neu.mp4", video_bytes("h264-160x90-1s.mp4"), "video/mp4"),
            "collection": root_collection.pk,
            "language": "de",
        },
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert (video.duration, video.width, video.height) == (seconds(seconds=1), 160, 90)
    assert video.captions  # the captions stay with the video


def test_backfill_command_reads_videos(db):
    video = Document(title="Altes Video")
    video.file.save("alt.webm", ContentFile(DEMO_VIDEO.read_bytes()), save=False)
    video.save()
    assert video.duration is None
    call_command("update_document_metadata", stdout=io.StringIO())
    video.refresh_from_db()
    assert (video.duration, video.width, video.height) == (seconds(seconds=4), 640, 360)


def test_deleting_a_video_deletes_its_captions_file(db, django_capture_on_commit_callbacks):
    video = VideoDocumentFactory()
    captions = video.captions.name
    with django_capture_on_commit_callbacks(execute=True):
        video.delete()
    assert not video.captions.storage.exists(captions)


def test_download_link_names_type_size_and_running_time(db):
    assert document_meta(VideoDocumentFactory()) == "WEBM, 11,0\xa0KB, Laufzeit 0:04 Minuten"


# Serving: Range requests, content types, captions


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("fixture", "content_type"),
    [("h264-160x90-1s.mp4", "video/mp4"), ("vp8-opus-176x144-1500ms.webm", "video/webm")],
)
def test_video_answers_range_requests_with_206(client, db, fixture, content_type):
    data = video_bytes(fixture)
    video = DocumentFactory(file=ContentFile(data, name=fixture))
    response = client.get(video.url, headers={"range": "bytes=100-1123"})
    assert response.status_code == 206
    assert response["Content-Type"] == content_type
    assert response["Content-Range"] == f"bytes 100-1123/{len(data)}"
    assert response["Content-Length"] == "1024"
    assert body(response) == data[100:1124]
    # What a browser asks for first, then for the end of the file (an MP4's moov).
    assert client.get(video.url, headers={"range": "bytes=0-"}).status_code == 206
    tail = client.get(video.url, headers={"range": "bytes=-500"})
    assert body(tail) == data[-500:]


def test_captions_are_served_as_webvtt(client, db):
    video = VideoDocumentFactory()
    response = client.get(video.captions_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert body(response).startswith(b"WEBVTT")
    again = client.get(video.captions_url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_captions_follow_the_privacy_of_their_video(client, db, django_user_model):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    video = VideoDocumentFactory(collection=collection)
    response = client.get(video.captions_url)
    assert response.status_code == 302
    assert b"WEBVTT" not in body(response)
    client.force_login(django_user_model.objects.create_user("leserin", "l@example.org", "pw"))
    response = client.get(video.captions_url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_captions_of_a_video_without_captions_are_404(client, db):
    video = VideoDocumentFactory(captions="")
    assert client.get(reverse("documents:captions", args=[video.pk])).status_code == 404


# The video block


def test_video_block_renders_the_player_and_the_text(client, db):
    video = VideoDocumentFactory(title="Fachforum 2005 in Gebärdensprache")
    page = SectionPageFactory(
        body=[
            (
                "video",
                {"video": video, "title": "", "transcript": "<p>Das sagt das Video.</p>"},
            )
        ]
    )
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    player = html.select_one("main video")
    assert player["aria-label"] == "Video: Fachforum 2005 in Gebärdensprache"
    assert player.has_attr("controls") and not player.has_attr("autoplay")
    assert player.select_one("track")["kind"] == "captions"
    details = html.select_one("main details.video-block__text")
    assert details.summary.get_text() == "Inhalt des Videos als Text"
    assert "Das sagt das Video." in details.get_text()


def test_video_block_refuses_other_documents(db):
    block = VideoBlock()
    value = block.to_python({"video": DocumentFactory().pk, "title": "", "transcript": ""})
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert "Bitte wählen Sie ein Video (MP4 oder WebM)" in str(refused.value.block_errors)
