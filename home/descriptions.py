"""The meta description of a page: what search engines and link previews show of it."""

from django.utils.html import strip_tags
from wagtail.fields import StreamField

MAX_LENGTH = 160


def shorten(text, limit=MAX_LENGTH):
    """Plain text of ``text`` in one line, at most ``limit`` characters, cut after a whole
    word with „…“."""
    text = " ".join(strip_tags(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def first_paragraph(page):
    """The text of the first paragraph block in the page's StreamFields, or ``""`` (from
    the stored source, so no link is looked up)."""
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for block in getattr(page, field.name) or ():
            if block.block_type == "paragraph":
                return strip_tags(block.value.source)
    return ""
