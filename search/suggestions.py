"""„Meinten Sie …?“: when a query finds nothing, the same query with its unknown words
replaced by the nearest indexed words, offered only if that query finds something."""

import re
from dataclasses import dataclass

from .query import parse
from .vocabulary import nearest_word, unknown_words


@dataclass
class Suggestion:
    query: str  # the corrected query, to search for
    words: list  # the replaced words, to show


def suggest(query, parsed, finds_something):
    """A ``Suggestion`` for ``query`` (cleaned) or ``None``. ``finds_something(parsed)``
    tells whether a parsed query has hits. At most ``vocabulary.MAX_LOOKUPS`` + 2 queries."""
    replacements = {}
    for word in unknown_words(parsed.positive_words):
        nearest = nearest_word(word)
        if nearest:
            replacements[word] = nearest
    if not replacements:
        return None
    corrected = query
    for word, replacement in replacements.items():
        corrected = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, corrected)
    corrected_parsed = parse(corrected)
    if not corrected_parsed.is_searchable or not finds_something(corrected_parsed):
        return None
    return Suggestion(corrected, list(replacements.values()))
