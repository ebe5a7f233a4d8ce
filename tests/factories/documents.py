"""Documents with real files made in the test: PDFs from fpdf2 (the demo's builder) and
the broken files the upload rules must refuse."""

import io
import os
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
