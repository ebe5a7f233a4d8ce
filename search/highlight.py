"""Short excerpts with the query's words marked.

The excerpt is cut from plain text, every piece is escaped, and only then are the
matches wrapped in ``<mark>``: neither the content nor the query can bring markup in."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .stemming import stem
from .text import WORD, single_line

EXCERPT_LENGTH = 240
CONTEXT_BEFORE = 60


def _matcher(query_words):
    """Whether a word of the text is a form of one of the query's words: the same German
    stem (Snowball, as PostgreSQL's ``german`` configuration and the SQLite index use)."""
    wanted = {stem(word) for word in query_words if word}

    def matches(word):
        return stem(word) in wanted

    return matches


# Letters a Snowball stem writes without the umlaut or sharp s of the word it comes from.
_FOLDED = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}


def _stem_prefix(word_stem):
    """A pattern for the beginning of every word with ``word_stem`` as its stem: German
    Snowball stems are the lowercased word with an ending removed, umlauts written
    without dots and „ß“ as „ss“."""
    pattern = re.escape(word_stem).replace("ss", "(?:ss|ß)")
    return "".join(_FOLDED.get(char, char) for char in pattern)


def _first_match(text, query_words):
    """The first word of ``text`` with the stem of a query word. The text may be a whole
    PDF: a regular expression finds the words that begin like a stem, and only those are
    stemmed (stemming every word of a long document took most of a second)."""
    wanted = {stem(word) for word in query_words if word}
    wanted.discard("")
    if not wanted:
        return None
    prefixes = "|".join(_stem_prefix(s) for s in sorted(wanted, key=len, reverse=True))
    candidates = re.compile(rf"(?<![^\W_])(?:{prefixes})[^\W_]*", re.IGNORECASE)
    return next((m for m in candidates.finditer(text) if stem(m.group()) in wanted), None)


def excerpt(text, query_words, length=EXCERPT_LENGTH):
    """An escaped excerpt of ``text`` around the first matching word, matches in <mark>,
    runs of whitespace as one space (only in the excerpt: the whole text may be long).
    Empty when there is no text."""
    if not text:
        return ""
    matches = _matcher(query_words)
    first = _first_match(text, query_words)

    start = 0
    if first is not None and first.start() > CONTEXT_BEFORE:
        # Start at a word boundary a little before the first match.
        boundary = text.find(" ", first.start() - CONTEXT_BEFORE, first.start())
        start = boundary + 1 if boundary >= 0 else first.start()
    end = min(len(text), start + length)
    if end < len(text):
        boundary = text.rfind(" ", start, end)
        if boundary > start:
            end = boundary

    window = single_line(text[start:end])
    parts = ["… " if start > 0 else ""]
    position = 0
    for match in WORD.finditer(window):
        if matches(match.group()):
            parts.append(escape(window[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(window[position:]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))
