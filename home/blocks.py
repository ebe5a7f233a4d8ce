"""StreamField blocks shared by every page type with a body."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Überschrift", max_length=200)
    level = blocks.ChoiceBlock(
        label="Ebene",
        choices=[("h2", "Ebene 2"), ("h3", "Ebene 3"), ("h4", "Ebene 4")],
        default="h2",
        help_text="Ebene 2 gliedert die Seite, Ebene 3 und 4 unterteilen einen Abschnitt.",
    )

    class Meta:
        icon = "title"
        label = "Überschrift"
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Zitat")
    attribution = blocks.CharBlock(label="Quelle / Person", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Zitat"
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Bild")
    alt_text = blocks.CharBlock(
        label="Alternativtext",
        max_length=300,
        help_text="Pflichtfeld: Beschreiben Sie, was auf dem Bild zu sehen ist "
        "(für Menschen, die das Bild nicht sehen können).",
    )
    caption = blocks.CharBlock(label="Bildunterschrift", required=False, max_length=300)

    class Meta:
        icon = "image"
        label = "Bild"
        template = "blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokument")
    label = blocks.CharBlock(
        label="Linktext",
        required=False,
        max_length=200,
        help_text="Leer lassen, um den Titel des Dokuments zu verwenden.",
    )

    class Meta:
        icon = "doc-full"
        label = "Dokument-Link"
        template = "blocks/document_link_block.html"


class VideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(
        label="Video",
        help_text="Ein Video aus der Dokumentenbibliothek (MP4 oder WebM). Untertitel und "
        "Vorschaubild gehören zum Video: Sie laden sie dort hoch.",
    )
    title = blocks.CharBlock(
        label="Titel",
        required=False,
        max_length=200,
        help_text="Steht unter dem Video und wird vorgelesen. Leer lassen, um den Titel des "
        "Videos zu verwenden.",
    )
    transcript = blocks.RichTextBlock(
        label="Inhalt des Videos als Text",
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text="Für alle, die das Video nicht sehen oder hören können.",
    )

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        if video is not None and not video.is_video:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "video": ValidationError(
                        "Bitte wählen Sie ein Video (MP4 oder WebM), kein anderes Dokument."
                    )
                }
            )
        return value

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"


class LinkButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Beschriftung", max_length=100)
    page = blocks.PageChooserBlock(label="Interne Seite", required=False)
    url = blocks.URLBlock(label="Externe Adresse", required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        "Bitte wählen Sie entweder eine interne Seite oder eine externe Adresse."
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        label = "Link-Schaltfläche"
        template = "blocks/link_button_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Absatz", features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    button = LinkButtonBlock()

    class Meta:
        block_counts = {}


class RelatedLinkBlock(blocks.StructBlock):
    """A link of the box „Weitere Informationen …“: a page of the site or an address."""

    label = blocks.CharBlock(
        label="Linktext",
        required=False,
        max_length=200,
        help_text="Leer lassen, um den Titel der Seite zu verwenden "
        "(bei externen Adressen Pflicht).",
    )
    page = blocks.PageChooserBlock(label="Interne Seite", required=False)
    url = blocks.URLBlock(label="Externe Adresse", required=False)

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError(
                "Bitte wählen Sie entweder eine interne Seite oder eine externe Adresse."
            )
        elif value.get("url") and not value.get("label"):
            errors["label"] = ValidationError(
                "Bitte geben Sie für die externe Adresse einen Linktext an."
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "link"
        label = "Link"
        template = "blocks/related_link_block.html"


class RelatedMaterialBlock(blocks.StreamBlock):
    """The box „Weitere Informationen zur Programmatik sowie Materialien zum Nachlesen und
    zum Download“ of the old site: links and documents beside a page's text."""

    link = RelatedLinkBlock()
    document = DocumentLinkBlock()

    class Meta:
        block_counts = {}
