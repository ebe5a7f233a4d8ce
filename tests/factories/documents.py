"""Documents with real files made in the test: PDFs from fpdf2 (the demo's builder) and
the broken files the upload rules must refuse."""

import functools
import io
import os
import zlib
from pathlib import Path

import factory
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model

from documents.demo import ensure_collection
from documents.demo_pdf import build_pdf
from documents.models import DocumentListPage
from tests.factories.home import PublishedPageMixin


def pdf_bytes(title="Dokumentation", pages=1, text="Jugendhilfe im Stadtteil"):
    """A real PDF with a title page and ``pages - 1`` pages of ``text``."""
    sections = [(f"Kapitel {n}", [f"{text} {n}."]) for n in range(1, pages)]
    return build_pdf(title, sections)


def encrypted_pdf_bytes(password="geheim"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(pages=2))))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def truncated_pdf_bytes():
    data = pdf_bytes(pages=3)
    return data[: len(data) // 2]


def raw_pdf(objects):
    """A PDF written byte by byte from object bodies numbered from 1 (object 1 is the
    catalog), with a correct cross-reference table: for files no PDF library would write."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pages_sharing_one_stream(page_count, content):
    """Catalog, page tree, one content stream (Flate), a font, ``page_count`` pages that
    all draw that same stream."""
    stream = zlib.compress(content, 9)
    first_page = 5
    kids = b" ".join(b"%d 0 R" % n for n in range(first_page, first_page + page_count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, page_count),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects += [page] * page_count
    return raw_pdf(objects)


@functools.cache
def shared_stream_bomb_pdf(pages=250, stream_mb=70):
    """About 250 KB: ``pages`` pages share one content stream that inflates to
    ``stream_mb`` MB of text operators, so reading the text means parsing it ``pages``
    times (the PDF of issue 13)."""
    operator = b"BT /F1 12 Tf 72 720 Td (Quartier) Tj ET\n"
    content = operator * (stream_mb * 1024 * 1024 // len(operator))
    return _pages_sharing_one_stream(pages, content)


@functools.cache
def many_pages_pdf(pages=10_000):
    """A valid PDF of ``pages`` small pages (one shared line of text), about 1 MB."""
    return _pages_sharing_one_stream(pages, b"BT /F1 12 Tf 72 720 Td (Seite) Tj ET\n")


HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


# Small videos made once with Debian's ffmpeg (see tests/fixtures/videos/README.md).
VIDEO_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "videos"
DEMO_MEDIA = Path(__file__).resolve().parents[2] / "legal" / "demo_media"
DEMO_VIDEO = DEMO_MEDIA / "gebaerdensprache-platzhalter.webm"
DEMO_CAPTIONS = DEMO_MEDIA / "gebaerdensprache-platzhalter.vtt"

CAPTIONS_BYTES = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nGrüß Gott, hier spricht die Regiestelle.\n"
).encode()


def poster_image(title="Vorschaubild"):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    png = (DEMO_MEDIA / "gebaerdensprache-platzhalter.png").read_bytes()
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(png), name="poster.png")
    )


def video_bytes(name):
    return (VIDEO_FIXTURES / name).read_bytes()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A PDF document; its metadata is set the way an upload sets it."""

    title = factory.Sequence(lambda n: f"Dokumentation {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(pdf_bytes(o.title, pages=o.pages), name=o.filename)
    )

    class Meta:
        model = get_document_model()

    class Params:
        pages = 2
        filename = factory.Sequence(lambda n: f"dokumentation-{n}.pdf")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class VideoDocumentFactory(DocumentFactory):
    """The demo's WebM (4 s, 640 × 360) with its captions, metadata read as on upload."""

    title = factory.Sequence(lambda n: f"Video {n}")
    file = factory.LazyFunction(
        lambda: ContentFile(DEMO_VIDEO.read_bytes(), name="gebaerdensprache.webm")
    )
    captions = factory.LazyFunction(
        lambda: ContentFile(DEMO_CAPTIONS.read_bytes(), name="gebaerdensprache.vtt")
    )


def start_page():
    from home.models import HomePage

    return HomePage.objects.get()


class DocumentListPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Dokumentationen"
    slug = factory.Sequence(lambda n: f"dokumentationen-{n}")
    intro = "Die Dokumentationen der Konferenzen und Fachforen."
    parent = factory.LazyFunction(start_page)
    collection = factory.LazyFunction(lambda: ensure_collection("Dokumentationen"))

    class Meta:
        model = DocumentListPage


def media_files():
    """Every file below MEDIA_ROOT (to check that a refused upload leaves nothing behind)."""
    root = settings.MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}
