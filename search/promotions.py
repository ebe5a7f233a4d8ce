"""Editors' promoted results ("Empfehlung der Redaktion") and the query statistics behind
Wagtail's "Suchbegriffe" report (``wagtail.contrib.search_promotions``)."""

import logging

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from .engine import public_pages

logger = logging.getLogger(__name__)


def promotions_for(query):
    """The promotions for ``query`` that a visitor may see: external links, and pages
    that are live and public. Read-only; an unknown query creates nothing."""
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query)).order_by(
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


def record_query(query):
    """Count one search for ``query`` (shown to editors as the most frequent queries).
    Statistics must never break the search, so a failed write is only logged."""
    try:
        if connection.vendor == "postgresql":
            _count_in_one_statement(normalise_query_string(query))
        else:
            with transaction.atomic():
                Query.get(query).add_hit()
    except DatabaseError:
        logger.warning("Suchanfrage konnte nicht gezählt werden.", exc_info=True)


def _count_in_one_statement(query_string):
    """Wagtail's ``Query.get(query).add_hit()`` (up to five queries) as one upsert. The
    commit does not wait for the disk (``synchronous_commit``): a count lost in a crash
    costs nothing, a search waiting for the disk costs every visitor."""
    if not query_string:
        return
    hits = QueryDailyHits._meta
    sql = f"""
        WITH query AS (
            INSERT INTO {Query._meta.db_table} (query_string) VALUES (%s)
            ON CONFLICT (query_string) DO UPDATE SET query_string = EXCLUDED.query_string
            RETURNING id
        )
        INSERT INTO {hits.db_table} (query_id, date, hits) SELECT id, %s, 1 FROM query
        ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits.db_table}.hits + 1
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(sql, [query_string, timezone.now().date()])
