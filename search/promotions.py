"""Editors' promoted results ("Empfehlung der Redaktion") and the query statistics behind
Wagtail's "Suchbegriffe" report (``wagtail.contrib.search_promotions``)."""

import atexit
import contextlib
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from ec_site.content_version import cached

from .engine import public_pages

logger = logging.getLogger(__name__)


def promoted_query_strings():
    """The (normalised) queries that have promotions: few, and kept until the content
    changes (saving or deleting a promotion renews the content version), so that a search
    for anything else does not ask the database for promotions."""
    return cached(
        "search-promotions:queries",
        lambda: frozenset(
            SearchPromotion.objects.values_list("query__query_string", flat=True).distinct()
        ),
    )


def promotions_for(query):
    """The promotions for ``query`` that a visitor may see: external links, and pages
    that are live and public. Read-only; an unknown query creates nothing."""
    query_string = normalise_query_string(query)
    if query_string not in promoted_query_strings():
        return []
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=query_string).order_by(
            "sort_order", "pk"
        )
    )
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    visible_pages = (
        {page.pk: page for page in public_pages().filter(pk__in=page_ids).specific()}
        if page_ids
        else {}
    )
    visible = []
    for promotion in promotions:
        if promotion.page_id:
            if promotion.page_id not in visible_pages:
                continue
            promotion.page = visible_pages[promotion.page_id]
        elif not promotion.external_link_url:
            continue
        visible.append(promotion)
    return visible


# Searches counted by this process and not yet written: {(query string, date): hits}.
_pending = Counter()
_lock = threading.Lock()
_next_write = 0.0


def record_query(query):
    """Count one search for ``query`` (shown to editors as the most frequent queries).

    Counts are collected in memory and written together at most every
    ``SEARCH_STATISTICS_INTERVAL`` seconds (and when the process ends), so a search,
    even one answered from the page cache, does not wait for a database write."""
    query_string = normalise_query_string(query)
    if not query_string:
        return
    with _lock:
        _pending[(query_string, timezone.localdate())] += 1  # the day in Berlin
        due = settings.SEARCH_STATISTICS_INTERVAL <= 0 or time.monotonic() >= _next_write
    if due:
        write_query_statistics()


def write_query_statistics():
    """Write the collected counts. Statistics must never break the search, so a failed
    write is only logged (and its counts are dropped)."""
    global _next_write
    with _lock:
        counts = dict(_pending)
        _pending.clear()
        _next_write = time.monotonic() + settings.SEARCH_STATISTICS_INTERVAL
    if not counts:
        return
    try:
        if connection.vendor == "postgresql":
            _write_in_one_statement(counts)
        else:
            with transaction.atomic():
                for (query_string, date), hits in counts.items():
                    daily, _ = QueryDailyHits.objects.get_or_create(
                        query=Query.get(query_string), date=date
                    )
                    QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
    except DatabaseError:
        logger.warning("Suchanfragen konnten nicht gezählt werden.", exc_info=True)


def _write_in_one_statement(counts):
    """All counts as one upsert (Wagtail's ``Query.get(q).add_hit()`` costs up to five
    queries per search). The commit does not wait for the disk (``synchronous_commit``):
    a count lost in a crash costs nothing, a search waiting for the disk costs visitors."""
    queries, hits = Query._meta.db_table, QueryDailyHits._meta.db_table
    rows = ", ".join(["(%s, %s::date, %s)"] * len(counts))
    sql = f"""
        WITH counted (query_string, date, hits) AS (VALUES {rows}),
        query AS (
            INSERT INTO {queries} (query_string) SELECT DISTINCT query_string FROM counted
            ON CONFLICT (query_string) DO UPDATE SET query_string = EXCLUDED.query_string
            RETURNING id, query_string
        )
        INSERT INTO {hits} (query_id, date, hits)
        SELECT query.id, counted.date, counted.hits FROM counted JOIN query USING (query_string)
        ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + EXCLUDED.hits
    """
    params = [
        value for (query_string, date), n in counts.items() for value in (query_string, date, n)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(sql, params)


@atexit.register
def _write_at_exit():
    with contextlib.suppress(Exception):  # the interpreter is shutting down
        write_query_statistics()
