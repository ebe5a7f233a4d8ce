"""What the importer remembers about each old page it brought home."""

from django.db import models


class ImportedPage(models.Model):
    """An old page and the event page made from it, keyed on the old path.

    ``imported_revision`` is the page's latest revision right after the import: when the
    page has a newer one, an editor has changed it and the importer leaves it alone."""

    old_path = models.CharField("Alte Adresse", max_length=255, unique=True)
    page = models.OneToOneField(
        "conference.EventPage",
        verbose_name="Seite",
        null=True,
        on_delete=models.SET_NULL,
        related_name="legacy_import",
    )
    stand = models.DateField("Stand der alten Seite", null=True, blank=True)
    source_hash = models.CharField("Prüfsumme der alten Datei", max_length=64)
    imported_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="Importierte Fassung",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_pdf_paths = models.JSONField("Alte PDF-Adressen", default=list, blank=True)
    imported_at = models.DateTimeField("Zuerst importiert", auto_now_add=True)
    updated_at = models.DateTimeField("Zuletzt importiert", auto_now=True)

    class Meta:
        verbose_name = "Importierte alte Seite"
        verbose_name_plural = "Importierte alte Seiten"
        ordering = ["old_path"]
        permissions = [("import_old_site", "Kann die alte Website importieren")]

    def __str__(self):
        return self.old_path

    def changed_by_editor(self):
        """True when the page has a revision the importer did not make."""
        if self.page is None:
            return False
        return self.page.latest_revision_id != self.imported_revision_id
