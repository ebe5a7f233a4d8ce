"""The document form of the Wagtail admin (single upload, multiple upload, editing).

Wagtail builds every document form on ``WAGTAILDOCS_DOCUMENT_FORM_BASE``; the multiple
uploader validates each file with the same form and shows the ``file`` errors next to
the file. Files are refused before anything is saved, so a refusal leaves neither a
file in the media folder nor a database row."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.widgets import AdminImageChooser
from wagtail.permissions import policy_registry

from .permissions import live_pages_using
from .validation import (
    VIDEO_EXTENSIONS,
    allowed_extensions,
    check_captions,
    check_content,
    check_size,
    sanitise_filename,
)


class _CaptionsLink:
    def __init__(self, document):
        self.url = document.captions_url
        self.name = document.captions.name.rsplit("/", 1)[-1]

    def __str__(self):
        return self.name


class CaptionsInput(forms.ClearableFileInput):
    """Links the current captions to their serve view: the media folder is never public."""

    document = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.document is not None:
            context["widget"]["value"] = _CaptionsLink(self.document)
        return context


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
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
            file_field.help_text += self._video_facts() + self._text_facts()
        else:
            # The multiple uploader's edit form has no file: captions go with the video's upload.
            self.fields.pop("captions", None)
        captions_field = self.fields.get("captions")
        if captions_field is not None:
            captions_field.widget = CaptionsInput(attrs={"accept": ".vtt,text/vtt"})
            captions_field.widget.document = self.instance if self.instance.pk else None
            captions_field.error_messages["empty"] = "Die Untertiteldatei ist leer."
        if "poster" in self.fields:
            self.fields["poster"].widget = AdminImageChooser()
        if "collection" in self.fields:
            self.fields["collection"].help_text = (
                "Dokumentationen mit Erscheinungsjahr in „Dokumentationen“ ablegen: Sie kommen "
                "in die Sammlung ihres Jahres (z. B. „Dokumentationen › 2027“), die dafür bei "
                "Bedarf angelegt wird."
            )
        # Asked once for the collection the document is in now; ``save`` asks again for the
        # collection chosen in the form.
        self._manages = self._user_manages() if self.instance.pk else None
        if self.instance.pk:
            self._guard_used_document()
            self._offer_release()

    def _user_manages(self):
        """Whether the user manages the document's collection (Moderation, administrators);
        forms built by code without a user (imports, demo content) count as trusted."""
        if self.user is None:
            return True
        policy = policy_registry.get_by_type(get_document_model())
        return policy.user_manages(self.user, self.instance)

    def _guard_used_document(self):
        """Name the live pages that use the document; only those who manage the collection
        may replace its file (pages would change without moderation otherwise)."""
        pages = live_pages_using(self.instance)
        file_field = self.fields.get("file")
        if not pages or file_field is None:
            return
        titles = ", ".join(f"„{page.title}“" for page in pages)
        note = f" Verwendet auf den veröffentlichten Seiten {titles}."
        if not self._manages:
            note += " Nur die Moderation kann die Datei ersetzen oder das Dokument löschen."
            for name in ("file", "captions"):
                if name in self.fields:
                    self.fields[name].disabled = True
        file_field.help_text += note

    def _offer_release(self):
        if self.instance.approved or not self._manages:
            return
        self.fields["release"] = forms.BooleanField(
            label="Freigeben",
            required=False,
            help_text="Das Dokument wartet auf Freigabe. Erst danach erscheint es in Listen, "
            "in der Suche und zum Herunterladen.",
        )

    def save(self, commit=True):
        self._manages = self._user_manages()  # the collection may have changed in the form
        new_file = self.instance._state.adding or "file" in self.changed_data
        if new_file:
            # An upload by someone who does not manage the collection waits for release.
            self.instance.approved = self._manages
        elif self.cleaned_data.get("release") and self._manages:
            self.instance.approved = True
        return super().save(commit=commit)

    def _video_facts(self):
        """What was read from the current video, shown under its file field."""
        document = self.instance
        if not (document.pk and document.duration):
            return ""
        return (
            f" Aktuelles Video: {document.file_extension.upper()}, "
            f"Laufzeit {document.running_time_label()}, {document.width} × {document.height} Pixel."
        )

    def _text_facts(self):
        """Where the reading of the current PDF's text stands („wartet“, „gelesen“, ...)."""
        if not self.instance.pk:
            return ""
        message = self.instance.text_status_message()
        return f" {message}" if message else ""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is None or file is False or "file" not in self.changed_data:
            return file
        check_size(file)
        check_content(file)
        file.name = sanitise_filename(file.name)
        return file

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if captions and "captions" in self.changed_data:
            check_captions(captions)
            captions.name = sanitise_filename(captions.name)
        return captions

    def clean(self):
        cleaned_data = super().clean()
        file = cleaned_data.get("file") or self.instance.file
        extension = (file.name.rsplit(".", 1)[-1] if file and "." in file.name else "").lower()
        if cleaned_data.get("captions") and extension not in VIDEO_EXTENSIONS:
            self.add_error(
                "captions",
                ValidationError("Untertitel gibt es nur für Videos (MP4 oder WebM)."),
            )
        return cleaned_data
