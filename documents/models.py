import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.http import content_disposition_header
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import SourceImageIOError
from wagtail.search import index

from ec_site import variants
from home.models import BasePage

from .listing import document_listing
from .media_info import VideoProblem, read_video
from .validation import VIDEO_EXTENSIONS

logger = logging.getLogger(__name__)

LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "Englisch"),
    ("fr", "Französisch"),
    ("tr", "Türkisch"),
    ("ru", "Russisch"),
    ("ar", "Arabisch"),
]

# Content types by extension, independent of the machine's /etc/mime.types.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "mp4": "video/mp4",
    "webm": "video/webm",
}
CAPTIONS_CONTENT_TYPE = "text/vtt; charset=utf-8"
# The rendition of a video's poster shown by the player (documents/includes/video_player.html).
POSTER_FILTER = "width-800"


class TextStatus(models.TextChoices):
    """Where the reading of a PDF's page count and text stands (``documents/tasks.py``)."""

    NONE = "", "kein PDF"
    PENDING = "wartet", "wartet"
    DONE = "gelesen", "gelesen"
    TOO_LARGE = "zu_gross", "zu groß"
    UNREADABLE = "nicht_lesbar", "nicht lesbar"


def running_time_label(duration):
    """„0:04 Minuten“, „4:30 Minuten“, „1:02:05 Stunden“: how German sites state a length."""
    if duration is None:
        return ""
    seconds = round(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d} Stunden"
    return f"{minutes}:{seconds:02d} Minuten"


class CustomDocument(AbstractDocument):
    """The site's document model (documentation PDFs, programme texts, newsletters).

    Page count and text of a PDF are read in a background task (``documents/tasks.py``)
    whenever Wagtail sets the file metadata: on upload (single and multiple), on
    replacement of the file, and in the backfill command ``update_document_metadata``."""

    # Fields the text reading writes; nothing else of the document is touched by it.
    TEXT_FIELDS = ("page_count", "extracted_text", "text_status", "text_note")

    description = models.TextField(
        "Beschreibung",
        blank=True,
        help_text="Zwei bis drei Sätze zum Inhalt; erscheinen in Listen und in der Suche.",
    )
    language = models.CharField(
        "Sprache", max_length=5, choices=LANGUAGES, default="de", blank=True
    )
    year = models.PositiveSmallIntegerField(
        "Erscheinungsjahr",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Leer lassen, wenn unbekannt. Listen ordnen das Dokument nach diesem Jahr.",
    )
    publisher = models.CharField(
        "Herausgeber",
        max_length=255,
        blank=True,
        help_text="Z. B. „Regiestelle E&C der Stiftung SPI“.",
    )
    # False while an upload by someone who does not manage the library waits for release
    # (documents/approval.py): then it is in no public listing, search or download.
    approved = models.BooleanField("Freigegeben", default=True, editable=False)
    page_count = models.PositiveIntegerField("Seitenzahl", null=True, editable=False)
    extracted_text = models.TextField("Text aus dem PDF", blank=True, editable=False)
    text_status = models.CharField(
        "Textauslesung",
        max_length=12,
        choices=TextStatus.choices,
        default=TextStatus.NONE,
        blank=True,
        editable=False,
    )
    # Why the text could not be read (German, for the editor); empty otherwise.
    text_note = models.CharField(
        "Hinweis zur Textauslesung", max_length=255, blank=True, editable=False
    )
    duration = models.DurationField("Laufzeit", null=True, editable=False)
    width = models.PositiveIntegerField("Breite (Pixel)", null=True, editable=False)
    height = models.PositiveIntegerField("Höhe (Pixel)", null=True, editable=False)
    # Captions belong to their video: uploaded with it, served at its address
    # (/dokumente/<id>/untertitel/) under the same privacy rules, never a document of their own.
    captions = models.FileField(
        "Untertitel (WebVTT)",
        upload_to="documents/captions/",
        blank=True,
        help_text="Nur für Videos: deutsche Untertitel als WebVTT-Datei (.vtt, UTF-8).",
    )
    poster = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="Vorschaubild",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Nur für Videos: das Bild, das vor dem Abspielen zu sehen ist.",
    )

    admin_form_fields = (
        "title",
        "file",
        "captions",
        "poster",
        "collection",
        "description",
        "year",
        "publisher",
        "language",
        "tags",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description", boost=2),
        index.SearchField("publisher"),
        index.SearchField("extracted_text"),
        index.FilterField("year"),
        index.FilterField("approved"),
        index.FilterField("language"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"

    def clean(self):
        # A refused upload leaves the form's document without a file: Wagtail's extension
        # check would then add „Dateiendung „“ ist nicht erlaubt“ after the real reason.
        if self.file:
            super().clean()

    @property
    def url(self):
        """The public download address. It names the document by id only, so it stays
        the same when an editor replaces the file (the file name then changes)."""
        return reverse("documents:serve", args=[self.pk])

    @property
    def is_pdf(self):
        return self.file_extension.lower() == "pdf"

    @property
    def is_video(self):
        return self.file_extension.lower() in VIDEO_EXTENSIONS

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.file_extension.lower()) or super().content_type

    @property
    def is_restricted(self):
        """Not for everyone: waiting for release or in a collection with a view restriction
        (password, login, groups). Its captions and poster then follow its checks."""
        return not self.approved or bool(self.collection.get_view_restrictions())

    @property
    def poster_url(self):
        """The address of the poster (``POSTER_FILTER`` rendition): for a public video the
        rendition itself (``/media/images/…``, cacheable); for a restricted one
        ``/dokumente/<id>/vorschaubild/``, which applies the video's checks first."""
        if not self.poster_id:
            return ""
        if self.is_restricted:
            return reverse("documents:poster", args=[self.pk])
        try:
            return self.poster.get_rendition(POSTER_FILTER).url
        except SourceImageIOError:
            return ""

    @property
    def captions_url(self):
        if not self.captions:
            return ""
        return reverse("documents:captions", args=[self.pk])

    def running_time_label(self):
        return running_time_label(self.duration)

    def text_status_message(self):
        """What the editor reads under the file field about the PDF's text (German)."""
        status = self.text_status
        if status == TextStatus.PENDING:
            return (
                "Textauslesung: wartet. Seitenzahl und Text werden im Hintergrund gelesen; "
                "laden Sie die Seite später neu, um das Ergebnis zu sehen."
            )
        if status == TextStatus.DONE:
            pages = "1 Seite" if self.page_count == 1 else f"{self.page_count:,} Seiten"
            return f"Textauslesung: gelesen, {pages.replace(',', '.')}. Die Suche findet den Text."
        kept = (
            " Das PDF ist gespeichert und kann heruntergeladen werden, sein Text erscheint "
            "aber nicht in der Suche."
        )
        if status == TextStatus.TOO_LARGE:
            return (
                f"Textauslesung: zu groß. {self.text_note}{kept} Laden Sie bei Bedarf eine "
                "kleinere Fassung hoch (z. B. in Teilen oder mit verkleinerten Bildern)."
            ).replace(".  ", ". ")
        if status == TextStatus.UNREADABLE:
            return f"Textauslesung: nicht lesbar. {self.text_note}{kept}".replace(".  ", ". ")
        return ""

    @property
    def content_disposition(self):
        """RFC 6266: PDFs open in the browser, everything else is downloaded."""
        return content_disposition_header(not self.is_pdf, self.filename)

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        self.set_pdf_metadata()
        self.set_video_metadata()

    def set_video_metadata(self):
        """Running time and picture size from the file (cleared for other file types)."""
        self.duration = self.width = self.height = None
        if not self.is_video:
            return
        self.file.open("rb")
        try:
            info = read_video(self.file, self.file_extension.lower())
        except VideoProblem as problem:
            logger.warning("Dokument %s: %s", self.pk or self.title, problem)
            return
        finally:
            self.file.seek(0)
        self.duration, self.width, self.height = info.duration, info.width, info.height

    def set_pdf_metadata(self):
        """Clear page count and text; for a PDF, have them read once the document is saved."""
        self.page_count = None
        self.extracted_text = ""
        self.text_note = ""
        self.text_status = TextStatus.PENDING if self.is_pdf else TextStatus.NONE
        self._text_reading_due = self.is_pdf

    def save(self, *args, **kwargs):
        reading_due = getattr(self, "_text_reading_due", False)
        if not (self._state.adding or reading_due or args or "update_fields" in kwargs):
            # The text fields belong to the reading task: an editor saving the title or the
            # collection must not write back the „wartet“ the form loaded a moment before
            # the worker finished.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.TEXT_FIELDS
            ]
        super().save(*args, **kwargs)
        if getattr(self, "_text_reading_due", False):
            self._text_reading_due = False
            from .tasks import schedule_text_reading

            schedule_text_reading(self)


class DocumentListPage(BasePage):
    """ "Dokumentationen": the documents of a collection and its children, grouped by
    year, filterable and paginated. Documents in collections with a privacy restriction
    never appear."""

    intro = models.TextField("Einleitung", blank=True, max_length=1000)
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="Sammlung",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Die Seite zeigt die Dokumente dieser Sammlung und ihrer Unter-Sammlungen.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("collection")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.SectionPage"]
    subpage_types = []
    type_label = "Dokumentationen"
    query_parameters = ("q", "jahr", "page")
    summary_fallback_field = "intro"

    @classmethod
    def search_type_filters(cls):
        # A listing page: filtered with the other overviews, so that the search's type
        # filter does not offer „Dokumentationen“ next to „Dokument“ (the files).
        return {"Übersicht": models.Q()}

    class Meta:
        verbose_name = "Dokumentenliste"
        verbose_name_plural = "Dokumentenlisten"

    def clean(self):
        super().clean()
        if self.collection_id and self.collection.get_view_restrictions():
            raise ValidationError(
                {
                    "collection": "Diese Sammlung ist geschützt. Ihre Dokumente erscheinen "
                    "in keiner öffentlichen Liste; bitte wählen Sie eine öffentliche Sammlung."
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = document_listing(self.collection, request.GET, request)
        context.update(listing)
        # „Stand:“ is the newest document listed, or the page's own publish if later.
        dates = [date for date in (self.last_published_at, listing["newest_document"]) if date]
        context["listing_stand"] = max(dates, default=None)
        # A text search (q) can be any text: rendered, never stored by the caches.
        form, number = listing["filter_form"], listing["page_obj"].number
        variants.declare(
            request,
            jahr=form.active_filters().get("jahr"),
            page=number if number > 1 else None,
        )
        return context


@receiver(post_delete, sender=CustomDocument)
def delete_captions_file(sender, instance, **kwargs):
    """Wagtail removes a deleted document's file; its captions file goes with it."""
    if instance.captions:
        captions = instance.captions
        transaction.on_commit(lambda: captions.delete(save=False))
