"""Upload rules for documents, checked on the bytes of the file, not on its name."""

import os
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from home.german import transliterate

from .media_info import VideoProblem, read_video
from .pdf import PdfProblem, open_pdf
from .webvtt import MAX_CAPTIONS_SIZE, check_webvtt

# Extensions of plain-text formats that have no magic bytes to check.
TEXT_EXTENSIONS = {"txt", "csv"}
# Markup that a browser would run if it ever sniffed the file as HTML.
ACTIVE_CONTENT = re.compile(rb"<\s*(!doctype\s+html|html|script|svg|iframe|body|head)\b", re.I)
SNIFF_BYTES = 8192
VIDEO_EXTENSIONS = ("mp4", "webm")
MAX_FILENAME_LENGTH = 100


def allowed_extensions():
    return [ext.lower().lstrip(".") for ext in settings.WAGTAILDOCS_EXTENSIONS]


def max_upload_size():
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


def _german_size(size):
    return filesizeformat(size).replace("\xa0", " ")


def check_size(file):
    limit = max_upload_size()
    if limit is not None and file.size > limit:
        raise ValidationError(
            "Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.",
            code="file_too_large",
            params={"size": _german_size(file.size), "limit": _german_size(limit)},
        )


def _extension(name):
    return os.path.splitext(name)[1].lower().lstrip(".")


def check_content(file):
    """Refuse ``file`` unless its bytes are what its extension says."""
    if file.size == 0:
        raise ValidationError("Die Datei ist leer.", code="empty")
    extension = _extension(file.name)
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            "Dateien vom Typ „%(extension)s“ sind nicht erlaubt. Erlaubt: %(allowed)s.",
            code="invalid_extension",
            params={
                "extension": extension or "ohne Endung",
                "allowed": ", ".join(ext.upper() for ext in allowed),
            },
        )
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if extension in TEXT_EXTENSIONS:
        _check_text(head)
    else:
        detected = filetype.guess_extension(head)
        if detected != extension:
            raise ValidationError(
                "Der Inhalt der Datei passt nicht zur Endung „.%(extension)s“ "
                "(erkannt: %(detected)s). Bitte laden Sie eine echte %(upper)s-Datei hoch.",
                code="content_mismatch",
                params={
                    "extension": extension,
                    "upper": extension.upper(),
                    "detected": _describe(head, detected),
                },
            )
    if extension == "pdf":
        try:
            open_pdf(file)
        except PdfProblem as problem:
            raise ValidationError(str(problem), code="invalid_pdf") from problem
        finally:
            file.seek(0)
    elif extension in VIDEO_EXTENSIONS:
        try:
            read_video(file, extension)
        except VideoProblem as problem:
            raise ValidationError(str(problem), code="invalid_video") from problem


def check_captions(file):
    """Refuse captions unless they are a WebVTT file (extension and content)."""
    if _extension(file.name) != "vtt":
        raise ValidationError(
            "Untertitel müssen eine WebVTT-Datei mit der Endung „.vtt“ sein.",
            code="invalid_extension",
        )
    file.seek(0)
    data = file.read(MAX_CAPTIONS_SIZE + 1)
    file.seek(0)
    check_webvtt(data)


def _check_text(head):
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        try:
            head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                "Die Datei ist keine Textdatei (UTF-8).", code="content_mismatch"
            ) from None
    if ACTIVE_CONTENT.search(head):
        raise ValidationError(
            "Die Datei enthält HTML oder Skripte und wird nicht angenommen.",
            code="content_mismatch",
        )


def _describe(head, detected):
    if detected:
        return detected.upper()
    if ACTIVE_CONTENT.search(head):
        return "HTML oder Skript"
    return "unbekanntes Format"


def sanitise_filename(name):
    """A safe, readable file name: no path, ASCII letters, digits, ``-`` and ``_`` only,
    a lower-case extension, at most 100 characters.

    >>> sanitise_filename("../Doku Fachforum „Schule“ 2005.PDF")
    'doku-fachforum-schule-2005.pdf'
    """
    name = os.path.basename(name.replace("\\", "/"))
    stem, extension = os.path.splitext(name)
    stem = unicodedata.normalize("NFKD", transliterate(stem))
    stem = stem.encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9_]+", "-", stem).strip("-_")
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())
    stem = stem[: MAX_FILENAME_LENGTH - len(extension) - 1] or "dokument"
    return f"{stem}.{extension}" if extension else stem
