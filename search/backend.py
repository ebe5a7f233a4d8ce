"""Wagtail's database search backend (``wagtail.search.backends.database``), whose index
also records the words it indexes in ``IndexedWord`` (the vocabulary of the typo
suggestions, ``search/suggestions.py``); on SQLite its queries are stemmed like the
full-text table (``search/migrations/0003``), so that Wagtail's own searches (the admin)
keep finding word forms. Settings: ``WAGTAILSEARCH_BACKENDS``."""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText

from .stemming import stems
from .vocabulary import record_words_of


class VocabularyMixin:
    def add_items(self, model, objs):
        super().add_items(model, objs)
        record_words_of(model, objs)


class StemmingMixin:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(stems(query.query_string), operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(stems(query.query_string))
        return super().build_search_query_content(query, config=config)


def _with(mixin, cls):
    return type(cls.__name__, (mixin, cls), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up)
    backend = database_backend(params)
    backend.index_class = _with(VocabularyMixin, backend.index_class)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = _with(StemmingMixin, backend.query_compiler_class)
    return backend
