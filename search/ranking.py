"""Ranked hits of a parsed query (``search/query.py``) among the public pages and
documents, from the rows of Wagtail's search index table, for PostgreSQL and SQLite.

The cost of a query must not grow with its number of hits, so:

- hits are counted exactly up to ``COUNT_CAP``; beyond it the page says „mehr als 1.000
  Treffer“;
- only a bounded set of candidates is ranked: the entries whose title matches (they
  rank highest) and the first entries whose text matches, ``CANDIDATES`` of each (more for
  deeper result pages, never more than ``COUNT_CAP``). Every hit shown is a real hit; a
  broad query's body-only matches beyond the candidates are counted but not ranked.

PostgreSQL: ``websearch_to_tsquery('german', …)`` against the stored ``title || body``
vector (``search/migrations/0004``), ranked like Wagtail's backend (``ts_rank`` of the
title weighted by ``title_norm``, plus ``ts_rank`` of the body).

SQLite: FTS5 ``MATCH`` against the stemmed full-text table (``search/stemming.py``), the
query stemmed the same way; phrases are FTS5 phrases of stems, ``OR`` and exclusions are
combined in SQL (FTS5 has no unary ``NOT``); ranked by ``bm25``, the title ten times the
body."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, F, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import get_page_models

from .stemming import stems

COUNT_CAP = 1000
CANDIDATES = 200
TITLE_WEIGHT_SQLITE = 10.0


def index_entry_model():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")


def page_source(pages):
    """A source of hits: ``(content type ids, queryset of the objects allowed)``."""
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    return [content_type.pk for content_type in page_types], pages


def document_source(documents):
    return [ContentType.objects.get_for_model(get_document_model()).pk], documents


def ranked_results(parsed, pages=None, documents=None):
    """The hits of ``parsed`` among ``pages`` and ``documents`` (querysets; ``None``: that
    source is not searched)."""
    sources = []
    if pages is not None:
        sources.append(page_source(pages))
    if documents is not None:
        sources.append(document_source(documents))
    if connection.vendor == "postgresql":
        return PostgresResults(parsed, sources)
    return SQLiteResults(parsed, sources)


def _text_ids(queryset):
    return queryset.annotate(_text_id=Cast("pk", output_field=CharField())).values("_text_id")


class RankedResults:
    """A sequence for a ``Paginator``: ``count()`` is exact up to ``COUNT_CAP``, a slice
    is one query returning ``(content type id, object id, score, indexed text)`` rows."""

    def __init__(self, parsed, sources):
        self.parsed = parsed
        self.sources = sources
        self.count_cap = COUNT_CAP
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.count_up_to(self.count_cap + 1)
        return min(self._count, self.count_cap)

    @property
    def is_capped(self):
        self.count()
        return self._count > self.count_cap

    def __len__(self):
        return self.count()

    def counts_by(self, parts):
        """The number of hits (up to ``count_cap`` + 1) and, among them, of each part
        (``{key: source}``, sources as ``page_source()`` gives them), in one query. The
        total becomes this sequence's count. Each part's count is exact unless the total
        is over the cap."""
        total, counts = self.count_parts(parts, self.count_cap + 1)
        self._count = total
        return counts

    def set_count(self, count):
        """The count, known already (from ``counts_by`` of a wider search)."""
        self._count = count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        if stop <= start:
            return []
        return self.rows(start, stop)


class PostgresResults(RankedResults):
    table = "wagtailsearch_indexentry"

    def _restriction(self):
        # Checked per candidate entry by primary key (the first matches suffice for the
        # bounded count and ranking), not by collecting the ids of every public page.
        parts, params = [], []
        for content_types, queryset in self.sources:
            condition, condition_params = self._allowed("e", content_types, queryset)
            parts.append(condition)
            params += condition_params
        return " OR ".join(parts) or "FALSE", params

    @staticmethod
    def _allowed(alias, content_types, queryset):
        allowed = queryset.annotate(_allowed_id=F("pk")).values("_allowed_id")
        sql, params = allowed.query.sql_with_params()
        condition = (
            f"({alias}.content_type_id = ANY(%s) AND EXISTS (SELECT 1 FROM ({sql}) allowed "
            f"WHERE allowed._allowed_id = {alias}.object_id::integer))"
        )
        return condition, [content_types, *params]

    def count_parts(self, parts, limit):
        restriction, params = self._restriction()
        filters, filter_params = [], []
        for content_types, queryset in parts.values():
            condition, condition_params = self._allowed("m", content_types, queryset)
            filters.append(f"count(*) FILTER (WHERE {condition})")
            filter_params += condition_params
        sql = (
            f"SELECT {', '.join(['count(*)', *filters])} FROM ("
            f"SELECT e.content_type_id, e.object_id FROM {self.table} e "
            "WHERE e.ec_search_vector @@ websearch_to_tsquery('german', %s) "
            f"AND ({restriction}) LIMIT %s) m"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*filter_params, self.parsed.websearch(), *params, limit])
            total, *counts = cursor.fetchone()
        return total, dict(zip(parts, counts, strict=True))

    def count_up_to(self, limit):
        restriction, params = self._restriction()
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {self.table} e "
            "WHERE e.ec_search_vector @@ websearch_to_tsquery('german', %s) "
            f"AND ({restriction}) LIMIT %s) matched"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.parsed.websearch(), *params, limit])
            return cursor.fetchone()[0]

    def rows(self, start, stop):
        restriction, params = self._restriction()
        candidates = min(max(CANDIDATES, stop), self.count_cap)
        sql = f"""
            WITH q AS (SELECT websearch_to_tsquery('german', %s) AS q),
            candidates AS (
                (SELECT e.id FROM {self.table} e, q
                 WHERE e.title @@ q.q AND ({restriction}) LIMIT %s)
                UNION
                (SELECT e.id FROM {self.table} e, q
                 WHERE e.ec_search_vector @@ q.q AND ({restriction}) LIMIT %s)
            )
            SELECT e.content_type_id, e.object_id,
                ts_rank(e.title, q.q) * e.title_norm + ts_rank(e.body, q.q) AS score,
                e.body_text
            FROM {self.table} e JOIN candidates c ON c.id = e.id, q
            ORDER BY score DESC, e.id
            LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    self.parsed.websearch(),
                    *params,
                    candidates,
                    *params,
                    candidates,
                    stop - start,
                    start,
                ],
            )
            return cursor.fetchall()


class SQLiteResults(RankedResults):
    def __init__(self, parsed, sources):
        super().__init__(parsed, sources)
        IndexEntry = index_entry_model()
        self.fts_table = IndexEntry._meta.db_table + "_fts"
        restriction = Q(pk__in=[])
        for content_types, queryset in sources:
            restriction |= Q(content_type_id__in=content_types, object_id__in=_text_ids(queryset))
        self.entries = IndexEntry.objects.filter(restriction)

    def _fts_phrase(self, term):
        return '"{}"'.format(stems(" ".join(term.words)).replace('"', '""'))

    def _matching(self, columns="title body"):
        condition = Q()
        for group in self.parsed.groups:
            alternatives = Q()
            for term in group:
                ids = Q(
                    pk__in=RawSQL(
                        f"SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH %s",
                        [f"{{{columns}}} : {self._fts_phrase(term)}"],
                    )
                )
                alternatives |= ~ids if term.negated else ids
            condition &= alternatives
        return self.entries.filter(condition)

    def _score(self):
        positive = [term for group in self.parsed.groups for term in group if not term.negated]
        expression = " OR ".join(self._fts_phrase(term) for term in positive)
        # FTS5 columns: autocomplete, body, title. bm25 is lower for better matches.
        return RawSQL(
            f"SELECT -bm25({self.fts_table}, 0.0, 1.0, {TITLE_WEIGHT_SQLITE}) "
            f"FROM {self.fts_table} WHERE {self.fts_table} MATCH %s "
            f"AND {self.fts_table}.rowid = {self.entries.model._meta.db_table}.id",
            [f"{{title body}} : ({expression})"],
            output_field=FloatField(),
        )

    def count_up_to(self, limit):
        return self._matching().values("pk")[:limit].count()

    def count_parts(self, parts, limit):
        counts = {
            f"part_{number}": Count(
                "pk",
                filter=Q(content_type_id__in=content_types, object_id__in=_text_ids(queryset)),
            )
            for number, (content_types, queryset) in enumerate(parts.values())
        }
        result = self.entries.model.objects.filter(
            pk__in=self._matching().values("pk")[:limit]
        ).aggregate(_total=Count("pk"), **counts)
        return result["_total"], {key: result[f"part_{number}"] for number, key in enumerate(parts)}

    def rows(self, start, stop):
        candidates = min(max(CANDIDATES, stop), self.count_cap)
        chosen = Q(pk__in=self._matching("title").values("pk")[:candidates]) | Q(
            pk__in=self._matching().values("pk")[:candidates]
        )
        return list(
            self.entries.model.objects.filter(chosen)
            .annotate(_score=self._score())
            .order_by("-_score", "pk")
            .values_list("content_type_id", "object_id", "_score", "body")[start:stop]
        )
