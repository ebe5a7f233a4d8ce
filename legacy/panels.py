"""The import metadata of an event page, shown read-only in its editor."""

from wagtail.admin.panels import Panel


class ImportInfoPanel(Panel):
    """Old address and „Stand“ of the old page an event was imported from; nothing for
    pages typed in by hand."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Import aus der alten Website")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "legacy_import"

    class BoundPanel(Panel.BoundPanel):
        template_name = "legacy/panels/import_info.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.record = self._record()

        def _record(self):
            from .models import ImportedPage

            if not getattr(self.instance, "pk", None):
                return None
            return ImportedPage.objects.filter(page_id=self.instance.pk).first()

        def is_shown(self):
            return self.record is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["record"] = self.record
            context["changed_by_editor"] = self.record.changed_by_editor() if self.record else False
            return context
