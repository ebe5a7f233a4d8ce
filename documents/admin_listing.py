"""The admin's document listing (*Dokumente*) with a column „Textauslesung“: where reading a
PDF's page count and text stands („wartet“, „gelesen“, „zu groß“, „nicht lesbar“), which
otherwise only the edit form of each document shows. The state is a field of the document,
so the column costs no query per row.

Wagtail has no hook for the columns of this listing: the view is Wagtail's own with one
column more, served at the listing's addresses (``wagtaildocs:index`` and its results
URL, which the filters and pagination reload) by ``documents/wagtail_hooks.py``."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.documents.views.documents import IndexView

from .models import TextStatus


class TextStatusColumn(StatusTagColumn):
    cell_template_name = "documents/admin/text_status_cell.html"

    def __init__(self):
        super().__init__(
            "text_status",
            label="Textauslesung",
            accessor=lambda document: (
                document.get_text_status_display() if document.text_status else ""
            ),
            primary=lambda document: document.text_status == TextStatus.DONE,
            width="12%",
        )


class DocumentIndexView(IndexView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        after_file = next(
            (n + 1 for n, column in enumerate(columns) if column.name == "filename"),
            len(columns),
        )
        columns.insert(after_file, TextStatusColumn())
        return columns
