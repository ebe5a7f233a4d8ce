"""A parsed query (``search/query.py``) as conditions and a relevance score on the rows of
Wagtail's search index table, for PostgreSQL and SQLite.

PostgreSQL: ``websearch_to_tsquery('german', …)`` against the ``title || body`` vectors the
database backend stores (German stems), ranked like the backend does (``ts_rank`` of the
title, weighted by ``title_norm``, plus ``ts_rank`` of the body).

SQLite: FTS5 ``MATCH`` against the stemmed full-text table (``search/stemming.py``), the
query stemmed the same way; a phrase is an FTS5 phrase of stems, ``OR`` and exclusions
are combined in SQL (FTS5 has no unary ``NOT``); ranked by ``bm25`` with the title ten
times the body."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, Q
from django.db.models.expressions import CombinedExpression, RawSQL

from .stemming import stems

TITLE_WEIGHT_SQLITE = 10.0


def index_entry_model():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")


def matcher(parsed):
    if connection.vendor == "postgresql":
        return PostgresMatcher(parsed)
    return SQLiteMatcher(parsed)


class PostgresMatcher:
    text_field = "body_text"

    def __init__(self, parsed):
        self.tsquery = SearchQuery(parsed.websearch(), search_type="websearch", config="german")

    def matching(self, entries):
        vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        return entries.annotate(_vector=vector).filter(_vector=self.tsquery)

    def title_matching(self, entries):
        """Entries whose title alone matches: these rank highest (a GIN index on the
        title vector, ``search/migrations/0004``, finds them without reading bodies)."""
        return entries.filter(title=self.tsquery)

    def score(self):
        return SearchRank(F("title"), self.tsquery) * F("title_norm") + SearchRank(
            F("body"), self.tsquery
        )


class SQLiteMatcher:
    text_field = "body"

    def __init__(self, parsed):
        self.parsed = parsed
        self.fts_table = index_entry_model()._meta.db_table + "_fts"

    def _ids_matching(self, term, columns="title body"):
        phrase = " ".join(stems(" ".join(term.words)).split())
        expression = '{%s} : "%s"' % (columns, phrase.replace('"', '""'))
        return RawSQL(
            f"SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH %s", [expression]
        )

    def _condition(self, columns="title body"):
        condition = Q()
        for group in self.parsed.groups:
            alternatives = Q()
            for term in group:
                ids = Q(pk__in=self._ids_matching(term, columns))
                alternatives |= ~ids if term.negated else ids
            condition &= alternatives
        return condition

    def matching(self, entries):
        return entries.filter(self._condition())

    def title_matching(self, entries):
        return entries.filter(self._condition("title"))

    def score(self):
        positive = [term for group in self.parsed.groups for term in group if not term.negated]
        expression = " OR ".join(
            '"%s"' % " ".join(stems(" ".join(term.words)).split()) for term in positive
        )
        # FTS5 columns: autocomplete, body, title. bm25 is lower for better matches.
        return RawSQL(
            f"SELECT -bm25({self.fts_table}, 0.0, 1.0, {TITLE_WEIGHT_SQLITE}) "
            f"FROM {self.fts_table} WHERE {self.fts_table} MATCH %s "
            f"AND {self.fts_table}.rowid = {index_entry_model()._meta.db_table}.id",
            ["{title body} : (%s)" % expression],
            output_field=FloatField(),
        )
