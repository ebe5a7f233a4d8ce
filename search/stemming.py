"""German word stems (Snowball, the algorithm behind PostgreSQL's ``german`` text search
configuration), so that word forms meet on SQLite as they do on PostgreSQL: „Netzwerk“,
„Netzwerke“ and „Netzwerken“ all become ``netzwerk``.

On SQLite the full-text table holds the stems of the indexed text (filled by the
function ``ec_german_stems`` in the triggers of ``search/migrations/0003``) and the query
is stemmed the same way; the excerpts mark words by the same stems."""

import functools

import snowballstemmer

from .text import WORD

SQL_FUNCTION = "ec_german_stems"

_stemmer = snowballstemmer.stemmer("german")


@functools.lru_cache(maxsize=20_000)
def stem(word):
    return _stemmer.stemWord(word.lower())


def stems(text):
    """The stems of the words of ``text``, in order, separated by spaces."""
    if not text:
        return ""
    return " ".join(stem(word) for word in WORD.findall(text))


def register_sql_function(sender, connection, **kwargs):
    """``connection_created`` receiver: SQLite connections get ``ec_german_stems(text)``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, stems, deterministic=True)
