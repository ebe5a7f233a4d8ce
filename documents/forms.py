"""The document form of the Wagtail admin (single upload, multiple upload, editing).

Wagtail builds every document form on ``WAGTAILDOCS_DOCUMENT_FORM_BASE``; the multiple
uploader validates each file with the same form and shows the ``file`` errors next to
the file. Files are refused before anything is saved, so a refusal leaves neither a
file in the media folder nor a database row."""

from wagtail.documents.forms import BaseDocumentForm

from .validation import allowed_extensions, check_content, check_size, sanitise_filename


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields.get("file")
        if file_field is not None:
            extensions = ", ".join(ext.upper() for ext in allowed_extensions())
            file_field.help_text = f"Erlaubt: {extensions}. {file_field.help_text}".strip()
            file_field.widget.attrs["accept"] = ",".join(f".{ext}" for ext in allowed_extensions())
            # Wagtail's field checks the size before our clean_file runs; its message
            # becomes ours. The multiple uploader also shows the "unknown size" one.
            limit = file_field.max_upload_size_text.replace("\xa0", " ")
            file_field.error_messages["file_too_large"] = (
                "Die Datei ist zu groß (%(file_size)s). Erlaubt sind höchstens %(max_filesize)s."
            )
            file_field.error_messages["file_too_large_unknown_size"] = (
                f"Die Datei ist zu groß. Erlaubt sind höchstens {limit}."
            )
            file_field.error_messages["required"] = "Bitte wählen Sie eine Datei aus."
            file_field.error_messages["empty"] = "Die Datei ist leer."

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is None or file is False or "file" not in self.changed_data:
            return file
        check_size(file)
        check_content(file)
        file.name = sanitise_filename(file.name)
        return file
