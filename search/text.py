"""Turning what a visitor typed into something safe to search for, and stored content
into plain text for excerpts."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
# More words than this add nothing to a site search but make the database query longer.
MAX_QUERY_WORDS = 20
# Control characters (NUL breaks PostgreSQL queries) and lone surrogates (cannot be encoded).
_UNSAFE_CATEGORIES = {"Cc", "Cs"}
_WHITESPACE = re.compile(r"\s+")
# A word: letters and digits. Quotes, operators and other punctuation are never passed
# to the search backend, so no input can change the meaning of the database query.
WORD = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as shown back to the visitor: control characters removed, whitespace
    collapsed, at most ``MAX_QUERY_LENGTH`` characters."""
    text = (raw or "")[: MAX_QUERY_LENGTH * 4]
    text = "".join(
        " " if unicodedata.category(char) in _UNSAFE_CATEGORIES else char for char in text
    )
    return _WHITESPACE.sub(" ", text).strip()[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    """The words of a cleaned query that are sent to the search backend."""
    return WORD.findall(query)[:MAX_QUERY_WORDS]


def single_line(text):
    """``text`` with all runs of whitespace as one space. The texts shown in excerpts
    (the search index, summaries) are plain text already; they must not go through
    ``strip_tags``, or a literal "<b>" an editor wrote would vanish instead of being
    shown escaped."""
    return _WHITESPACE.sub(" ", text or "").strip()
