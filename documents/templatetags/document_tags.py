from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()


@register.filter
def document_meta(document):
    """Type, size and pages or running time in German: ``PDF, 2,3 MB, 48 Seiten``,
    ``WEBM, 11,0 KB, Laufzeit 0:04 Minuten``."""
    parts = [document.file_extension.upper() or "Datei"]
    size = document.get_file_size()
    if size:
        parts.append(filesizeformat(size))
    pages = getattr(document, "page_count", None)
    if pages:
        parts.append("1 Seite" if pages == 1 else f"{pages:,} Seiten".replace(",", "."))
    if getattr(document, "duration", None):
        parts.append(f"Laufzeit {document.running_time_label()}")
    return ", ".join(parts)
