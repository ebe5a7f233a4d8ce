from wagtail.documents.models import AbstractDocument, Document


class CustomDocument(AbstractDocument):
    """The site's document model (documentation PDFs, programme texts, newsletters).

    Swapped in from the first migration so that metadata fields can be added without
    migrating a live document library."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
