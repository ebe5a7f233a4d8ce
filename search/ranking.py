"""Ranked hits of a parsed query (``search/query.py``) among the public pages and
documents, from the rows of Wagtail's search index table, for PostgreSQL and SQLite.

The cost of a query must not grow with its number of hits, so:

- hits are counted exactly up to ``COUNT_CAP``; beyond it the page says „mehr als 1.000
  Treffer“;
- only a bounded set of candidates is ranked: the entries whose title matches (they
  rank highest) and the first entries whose text matches, ``CANDIDATES`` of each (more for
  deeper result pages, never more than ``COUNT_CAP``). Every hit shown is a real hit; a
  broad query's body-only matches beyond the candidates are counted but not ranked.

PostgreSQL: ``websearch_to_tsquery('german', …)`` against ``search_match``, a narrow copy of
the index entries with their ``title || body`` vector (``search/migrations/0006``) and what
decides whether visitors may see their object (``0007``: a page's path and live flag, a
document's collection and release), ranked like Wagtail's backend (``ts_rank`` of the
title weighted by ``title_norm``, plus ``ts_rank`` of the body).

SQLite: FTS5 ``MATCH`` against the stemmed full-text table (``search/stemming.py``), the
query stemmed the same way; phrases are FTS5 phrases of stems, ``OR`` and exclusions are
combined in SQL (FTS5 has no unary ``NOT``); ranked by ``bm25``, the title ten times the
body."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, F, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_models

from ec_site.precompiled import compiled_sql

from .stemming import stems

COUNT_CAP = 1000
CANDIDATES = 200
TITLE_WEIGHT_SQLITE = 10.0


def index_entry_model():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")


@dataclass(frozen=True)
class Source:
    """Where hits may come from: the content types of its entries, the objects a visitor
    may see (``objects()``, a queryset built on first use: the SQLite search filters by
    it) and the same as ``match_condition``, ``(sql, params)`` on the columns of
    ``search_match`` (alias ``e``; ``search/migrations/0007``), which the PostgreSQL search
    filters by without looking up any other table."""

    content_types: list
    objects: Callable
    match_condition: tuple


def _like_prefix(path):
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def page_scope_condition(root_path=None, restricted_paths=(), excluded_ids=()):
    """The condition of ``home.privacy.public(Page.objects.live())`` below ``root_path``
    (inclusive; without it every page but the tree's root node) without ``excluded_ids``,
    on ``search_match``'s copy of each page's path and live flag."""
    conditions, params = ["e.page_live"], []
    if root_path:
        conditions.append("e.page_path LIKE %s")
        params.append(_like_prefix(root_path))
    else:
        conditions.append("char_length(e.page_path) > %s")
        params.append(Page.steplen)
    for path in restricted_paths:
        conditions.append("e.page_path NOT LIKE %s")
        params.append(_like_prefix(path))
    if excluded_ids:
        conditions.append("e.object_id <> ALL(%s)")
        params.append([str(pk) for pk in excluded_ids])
    return " AND ".join(conditions), params


def document_scope_condition(collection_ids):
    """The condition of ``documents.public.public_documents()`` (released, in one of
    ``collection_ids``) on ``search_match``'s copy of each document's collection and
    release."""
    return "e.document_approved AND e.document_collection_id = ANY(%s)", [list(collection_ids)]


def members_condition(alias, members):
    """``(sql, params)``: the entry ``alias`` is one of ``members``, ``[(content type id,
    objects or None, key)]``: of that content type and, where ``objects`` (a callable
    returning a queryset) is given, one of those objects (its SQL kept under ``key``)."""
    conditions, params = [], []
    for content_type_id, objects, key in members:
        if objects is None:
            conditions.append(f"{alias}.content_type_id = %s")
            params.append(content_type_id)
            continue
        sql, query_params = allowed_ids_sql(objects, key)
        # The content type first: the subquery runs for that type's entries only.
        conditions.append(
            f"({alias}.content_type_id = %s AND EXISTS (SELECT 1 FROM ({sql}) allowed "
            f"WHERE allowed._allowed_id = {alias}.object_id::integer))"
        )
        params += [content_type_id, *query_params]
    return f"({' OR '.join(conditions) or 'FALSE'})", params


def page_source(objects, match_condition):
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    return Source([content_type.pk for content_type in page_types], objects, match_condition)


def document_source(objects, match_condition):
    content_type = ContentType.objects.get_for_model(get_document_model())
    return Source([content_type.pk], objects, match_condition)


def ranked_results(parsed, sources):
    """The hits of ``parsed`` among ``sources`` (``Source``)."""
    if connection.vendor == "postgresql":
        return PostgresResults(parsed, sources)
    return SQLiteResults(parsed, sources)


def allowed_ids_sql(objects, key=None):
    """``(sql, params)`` selecting the ids of ``objects()`` as ``_allowed_id``; compiled
    once per ``key`` in this process where one is given (``ec_site/precompiled.py``)."""

    def compile_sql():
        allowed = objects().order_by().annotate(_allowed_id=F("pk")).values("_allowed_id")
        return allowed.query.sql_with_params()

    return compile_sql() if key is None else compiled_sql(("allowed", key), compile_sql)


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
        self._prefetched = {}

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

    def counts_by(self, parts, prefetch=None):
        """The number of hits (up to ``count_cap`` + 1) and, among them, of each part, in
        one query. ``parts``: ``{key: members}``, members as in ``members_condition``. The
        total becomes this sequence's count.
        Each part's count is exact unless the total is over the cap. ``prefetch``:
        ``(start, stop)`` of the hits expected next, ranked in the same query where the
        database allows it."""
        total, counts = self.count_parts(parts, self.count_cap + 1, prefetch)
        self._count = total
        return counts

    def count_within(self, wider, parts, prefetch):
        """For a search of fewer sources than ``wider`` (the same query): ``wider``'s
        counts per part (``counts_by``), this sequence's own count and its hits ``prefetch``,
        in one query where the database allows it."""
        counts = wider.counts_by(parts)
        self.counts_by({}, prefetch)
        return counts

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        if stop <= start:
            return []
        for (first, last), rows in self._prefetched.items():
            # The paginator asks for fewer than a full page when the hits end early.
            if first <= start and stop <= last:
                return rows[start - first : stop - first]
        return self.rows(start, stop)


class PostgresResults(RankedResults):
    table = "wagtailsearch_indexentry"
    # The narrow copy of the entries that matching reads (search/migrations/0006).
    match_table = "search_match"

    def _restriction(self):
        # Checked per candidate entry on its own row (the first matches suffice for the
        # bounded count and ranking), not by collecting the ids of every public page.
        parts, params = [], []
        for source in self.sources:
            condition, condition_params = source.match_condition
            parts.append(f"({condition})")
            params += condition_params
        return " OR ".join(parts) or "FALSE", params

    def _matches(self, vector):
        """``vector`` matches the query: by the GIN index, unless the query matches most
        entries by its form (``"a phrase" OR -word``): the index then yields nearly every
        entry, slower than reading the table until enough match (the function form of
        ``@@`` is never answered from the index). 11 against 4.6 ms at 5,000 pages."""
        if self.parsed.matches_most_entries:
            return f"ts_match_vq({vector}, q.q)"
        return f"{vector} @@ q.q"

    def _sample(self, limit):
        """The first ``limit`` matching entries (no order: the cheapest ones to find)."""
        restriction, params = self._restriction()
        sql = (
            f"SELECT e.id, e.content_type_id, e.object_id FROM {self.match_table} e, q "
            f"WHERE {self._matches('e.vector')} AND ({restriction}) LIMIT %s"
        )
        return sql, [*params, limit]

    def _counts(self, parts, sample="sample"):
        """``(sql, params, read, width)``: one row with the total of ``sample``, its entries per
        content type (one ``GROUP BY``) and a count for each member of ``parts`` that has a
        condition of its own; ``read(row)`` gives the counts per part. A part's members
        are of different content types (``types.search_types``: one entry per model and
        label), so their counts add up."""
        filters, params = [], []
        for members in parts.values():
            for member in members:
                if member[1] is not None:
                    condition, condition_params = members_condition("m", [member])
                    filters.append(f"count(*) FILTER (WHERE {condition})")
                    params += condition_params
        per_type = (
            "(SELECT array_agg(ARRAY[content_type_id, n]) FROM "
            f"(SELECT content_type_id, count(*) AS n FROM {sample} GROUP BY 1) grouped)"
        )

        def read(row):
            per_content_type = dict(row[1] or ())
            conditional_counts = iter(row[2:])  # in the order of the filters
            return {
                key: sum(
                    next(conditional_counts)
                    if objects is not None
                    else per_content_type.get(content_type_id, 0)
                    for content_type_id, objects, _key in members
                )
                for key, members in parts.items()
            }

        sql = f"SELECT {', '.join(['count(*)', per_type, *filters])} FROM {sample} m"
        return sql, params, read, 2 + len(filters)

    def _ranked(self, start, stop, from_sample=False):
        """Hits ``start`` to ``stop``, ranked among the candidates: the entries whose title
        matches and the first entries whose text matches. ``from_sample``: those are the
        first of ``sample``, already found for the count."""
        restriction, params = self._restriction()
        candidates = min(max(CANDIDATES, stop), self.count_cap)
        if from_sample:
            body_candidates, body_params = "SELECT id FROM sample LIMIT %s", [candidates]
        else:
            body_candidates = (
                f"SELECT e.id FROM {self.match_table} e, q "
                f"WHERE {self._matches('e.vector')} AND ({restriction}) LIMIT %s"
            )
            body_params = [*params, candidates]
        title_match = self._matches("e.title")
        if self.parsed.has_exclusions:
            # A title without an excluded word matches though its text may have it.
            title_match += f" AND {self._matches('e.vector')}"
        sql = f"""
            SELECT e.content_type_id, e.object_id,
                ts_rank(e.title, q.q) * e.title_norm + ts_rank(e.body, q.q) AS score,
                e.body_text, e.id AS entry_id
            FROM {self.table} e, q
            WHERE e.id IN (
                (SELECT e.id FROM {self.match_table} e, q
                 WHERE {title_match} AND ({restriction}) LIMIT %s)
                UNION
                ({body_candidates})
            )
            ORDER BY score DESC, e.id
            LIMIT %s OFFSET %s
        """
        return sql, [*params, candidates, *body_params, stop - start, start]

    def _execute(self, sql, params, sample_limit=None, wider=None):
        """``sql`` with ``q``, the parsed query, and with ``sample_limit``: ``sample``, the
        first matching entries, found once for the count and the ranking (and with
        ``wider``, a search of more sources: ``wider_sample``, its first entries)."""
        # ``q`` is materialized on purpose (PostgreSQL folds a CTE used only once into the
        # statement): folded, it lets the planner see that thousands of entries match, and
        # it then reads them all without the index or hashes every public page (60 %
        # slower at 5,000 pages, a count alone three times slower at 20,000).
        ctes = ["q AS MATERIALIZED (SELECT websearch_to_tsquery('german', %s) AS q)"]
        cte_params = [self.parsed.websearch()]
        if sample_limit is not None:
            sample_sql, sample_params = self._sample(sample_limit)
            ctes.append(f"sample AS MATERIALIZED ({sample_sql})")
            cte_params += sample_params
        if wider is not None:
            wider_sql, wider_params = wider._sample(sample_limit)
            ctes.append(f"wider_sample AS MATERIALIZED ({wider_sql})")
            cte_params += wider_params
        with connection.cursor() as cursor:
            cursor.execute(f"WITH {', '.join(ctes)} {sql}", [*cte_params, *params])
            return cursor.fetchall()

    def count_parts(self, parts, limit, prefetch=None):
        counts_sql, counts_params, read_counts, width = self._counts(parts)
        if prefetch is None:
            row = self._execute(counts_sql, counts_params, sample_limit=limit)[0]
            return row[0], read_counts(row)
        rows, width = self._counts_and_ranked(counts_sql, counts_params, width, limit, prefetch)
        return rows[0][0], read_counts(rows[0][:width])

    def _counts_and_ranked(self, counts_sql, counts_params, width, limit, prefetch, wider=None):
        """One round trip: the counts on every row, with the ranked hits ``prefetch`` if
        any (kept for ``__getitem__``); ``(rows, width of the counts)``."""
        ranked_sql, ranked_params = self._ranked(*prefetch, from_sample=True)
        rows = self._execute(
            f"SELECT * FROM ({counts_sql}) counted LEFT JOIN ({ranked_sql}) ranked ON TRUE "
            "ORDER BY ranked.score DESC, ranked.entry_id",
            [*counts_params, *ranked_params],
            sample_limit=limit,
            wider=wider,
        )
        self._prefetched[prefetch] = [row[width : width + 4] for row in rows if row[width]]
        return rows, width

    def count_within(self, wider, parts, prefetch):
        # The wider search's counts (from its own sample) beside this one's count, in the
        # statement that ranks this one's hits.
        wider_sql, wider_params, read_wider, wider_width = wider._counts(parts, "wider_sample")
        rows, _width = self._counts_and_ranked(
            f"SELECT * FROM ({wider_sql}) wider_counted, (SELECT count(*) FROM sample) own",
            wider_params,
            wider_width + 1,
            self.count_cap + 1,
            prefetch,
            wider=wider,
        )
        wider._count, self._count = rows[0][0], rows[0][wider_width]
        return read_wider(rows[0][:wider_width])

    def count_up_to(self, limit):
        return self._execute("SELECT count(*) FROM sample", [], sample_limit=limit)[0][0]

    def rows(self, start, stop):
        sql, params = self._ranked(start, stop)
        return [row[:4] for row in self._execute(sql, params)]


class SQLiteResults(RankedResults):
    def __init__(self, parsed, sources):
        super().__init__(parsed, sources)
        IndexEntry = index_entry_model()
        self.fts_table = IndexEntry._meta.db_table + "_fts"
        restriction = Q(pk__in=[])
        for source in sources:
            restriction |= Q(
                content_type_id__in=source.content_types,
                object_id__in=_text_ids(source.objects()),
            )
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

    def count_parts(self, parts, limit, prefetch=None):
        counts = {}
        for number, members in enumerate(parts.values()):
            condition = Q(pk__in=[])
            for content_type_id, objects, _key in members:
                if objects is None:
                    condition |= Q(content_type_id=content_type_id)
                else:
                    condition |= Q(
                        content_type_id=content_type_id, object_id__in=_text_ids(objects())
                    )
            counts[f"part_{number}"] = Count("pk", filter=condition)
        result = self.entries.model.objects.filter(
            pk__in=self._matching().values("pk")[:limit]
        ).aggregate(_total=Count("pk"), **counts)
        return result["_total"], {key: result[f"part_{number}"] for number, key in enumerate(parts)}

    def rows(self, start, stop):
        candidates = min(max(CANDIDATES, stop), self.count_cap)
        title_matches = self._matching("title")
        if self.parsed.has_exclusions:
            # A title without an excluded word matches though its text may have it.
            title_matches = title_matches.filter(pk__in=self._matching().values("pk"))
        chosen = Q(pk__in=title_matches.values("pk")[:candidates]) | Q(
            pk__in=self._matching().values("pk")[:candidates]
        )
        return list(
            self.entries.model.objects.filter(chosen)
            .annotate(_score=self._score())
            .order_by("-_score", "pk")
            .values_list("content_type_id", "object_id", "_score", "body")[start:stop]
        )
