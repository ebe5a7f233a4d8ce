"""Wagtail's database search backend (``wagtail.search.backends.database``), whose index
also records the words it indexes in ``IndexedWord`` (the vocabulary of the typo
suggestions, ``search/suggestions.py``). Settings: ``WAGTAILSEARCH_BACKENDS``."""

from modelsearch.backends.database import SearchBackend as database_backend

from .vocabulary import record_words_of


class VocabularyMixin:
    def add_items(self, model, objs):
        super().add_items(model, objs)
        record_words_of(model, objs)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up)
    backend = database_backend(params)
    backend.index_class = type(
        backend.index_class.__name__, (VocabularyMixin, backend.index_class), {}
    )
    return backend
