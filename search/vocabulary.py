"""The vocabulary of the search index and the nearest indexed word to a typo.

PostgreSQL: ``pg_trgm`` (the ``%`` operator: similarity at least
``pg_trgm.similarity_threshold``, 0.3) over a trigram index on ``IndexedWord.word``
(``search/migrations/0005``). SQLite: the words with the same first letter and a similar
length, compared with ``difflib``."""

import difflib

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.functions import Length

from .models import IndexedWord
from .ranking import index_entry_model
from .text import WORD

MIN_LENGTH = 4
MAX_LENGTH = 64
# At most this many unknown words of one query are looked up.
MAX_LOOKUPS = 2


def words_of(text):
    """``{lower case: spelling}`` of the words of ``text`` worth suggesting."""
    return {
        word.lower(): word
        for word in WORD.findall(text or "")
        if MIN_LENGTH <= len(word) <= MAX_LENGTH and not word.isdigit()
    }


def record_words_of(model, objs):
    """Add the words the index holds for ``objs`` to the vocabulary (two queries)."""
    IndexEntry = index_entry_model()
    text_fields = (
        ("title_text", "body_text") if connection.vendor == "postgresql" else ("title", "body")
    )
    content_type = ContentType.objects.get_for_model(model)
    object_ids = [str(obj.pk) for obj in objs]
    words = {}
    for start in range(0, len(object_ids), 500):
        rows = IndexEntry.objects.filter(
            content_type=content_type, object_id__in=object_ids[start : start + 500]
        ).values_list(*text_fields)
        for texts in rows:
            for text in texts:
                for word, spelling in words_of(text).items():
                    words.setdefault(word, spelling)
    IndexedWord.objects.bulk_create(
        [IndexedWord(word=word, spelling=spelling) for word, spelling in words.items()],
        ignore_conflicts=True,
        batch_size=500,
    )


def unknown_words(words):
    """The words of ``words`` (a list) the vocabulary does not hold, at most
    ``MAX_LOOKUPS``, in order. One query."""
    candidates = [word for word in words if MIN_LENGTH <= len(word) <= MAX_LENGTH]
    known = set(
        IndexedWord.objects.filter(word__in=[w.lower() for w in candidates]).values_list(
            "word", flat=True
        )
    )
    return [word for word in candidates if word.lower() not in known][:MAX_LOOKUPS]


def nearest_word(word):
    """The indexed word most like ``word`` (its spelling), or ``None``. One query."""
    lowered = word.lower()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT spelling FROM {IndexedWord._meta.db_table} "
                "WHERE word %% %s AND word <> %s ORDER BY word <-> %s, word LIMIT 1",
                [lowered, lowered, lowered],
            )
            row = cursor.fetchone()
            return row[0] if row else None
    candidates = dict(
        IndexedWord.objects.annotate(length=Length("word"))
        .filter(word__startswith=lowered[0], length__range=(len(lowered) - 3, len(lowered) + 3))
        .values_list("word", "spelling")
    )
    close = difflib.get_close_matches(lowered, list(candidates), n=1, cutoff=0.75)
    return candidates[close[0]] if close else None
