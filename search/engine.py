"""The site search: live, public pages and documents of public collections, ranked
together, in pages of ``PER_PAGE`` hits.

Pages and documents are matched and ranked together in Wagtail's search index table
(``ranking.py``); only the slice of the current result page is loaded, and everything
shown for it (the objects, excerpts, where a document is used) is fetched in bulk, so the
number of queries does not depend on the number of hits."""

import functools
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from documents.listing import with_listing_year
from documents.public import pages_using, public_collection_ids, public_documents
from ec_site.precompiled import objects_in
from home.privacy import public, restricted_page_paths

from .highlight import excerpt
from .ranking import (
    COUNT_CAP,
    document_scope_condition,
    document_source,
    members_condition,
    page_scope_condition,
    page_source,
    ranked_results,
)

PER_PAGE = 10
__all__ = ["COUNT_CAP", "PER_PAGE", "paginate", "prepare_hits", "search"]


@dataclass
class Hit:
    item: object
    score: float
    is_document: bool = False
    excerpt: str = ""
    # Live, public pages that use this document (documents only).
    used_on: list = field(default_factory=list)
    # The indexed plain text (all fields but the title), for the excerpt.
    text: str = ""

    @property
    def template(self):
        if self.is_document:
            return "search/document_search.html"
        return getattr(self.item, "search_result_template", None) or "includes/search_hit.html"


def public_pages():
    return public(Page.objects.live())


class Scope:
    """What a visitor may find: live, public pages below ``root`` (without the promoted
    ones, listed apart) and public documents, as querysets (built only when asked for)
    and as conditions on ``search_match`` (``ranking.Source``)."""

    def __init__(self, root=None, exclude_page_ids=()):
        self.root = root
        self.excluded = sorted(exclude_page_ids)

    def pages(self):
        pages = public_pages().exclude(pk__in=self.excluded)
        if self.root is None:
            return pages.filter(depth__gt=1)
        return pages.descendant_of(self.root, inclusive=True)

    def page_source(self, search_type=None):
        """The pages (of ``search_type`` only, if given)."""
        condition = page_scope_condition(
            self.root.path if self.root else None, restricted_page_paths(), self.excluded
        )
        if search_type is None:
            return page_source(self.pages, condition)
        type_sql, type_params = members_condition("e", _type_members(search_type))
        return page_source(
            lambda: self.pages().filter(search_type.page_condition()),
            (f"{condition[0]} AND {type_sql}", [*condition[1], *type_params]),
        )

    def document_source(self):
        return document_source(public_documents, document_scope_condition(public_collection_ids()))


def _type_members(search_type):
    """``[(content type id, objects or None, key)]``: the entries of a type
    (``ranking.members_condition``); the key of a type filter is its model and condition
    (which may hold today's date)."""
    if search_type.is_document:
        return [(ContentType.objects.get_for_model(get_document_model()).pk, None, None)]
    return [
        (
            ContentType.objects.get_for_model(model).pk,
            functools.partial(model.objects.filter, extra) if extra else None,
            ("type", model._meta.label, extra),
        )
        for model, extra in search_type.page_filters
    ]


def search(parsed, search_type=None, scope=None):
    """Ranked hits (``ranking.RankedResults``) of ``parsed`` (a ``query.ParsedQuery``) in
    ``scope`` (default: the whole site), optionally of one ``SearchType`` only."""
    scope = scope or Scope()
    sources = []
    if search_type is None or not search_type.is_document:
        sources.append(scope.page_source(search_type))
    if search_type is None or search_type.is_document:
        sources.append(scope.document_source())
    return ranked_results(parsed, sources)


def search_with_counts(parsed, search_type, types, scope, page_number=None):
    """``(results, {type slug: number of hits})``: the hits of ``parsed`` (of
    ``search_type``, if given) and how many of them each of ``types`` has, counted
    together with the total in one query; types without hits are left out. When the
    hits of all types are more than ``COUNT_CAP``, only the first ``COUNT_CAP`` are looked
    at: the types among them are listed, their counts are ``None`` (shown without a
    number). The first hits of the requested result page are ranked in the query of its
    count."""
    first = (_plain_page_number(page_number) - 1) * PER_PAGE
    prefetch = (first, first + PER_PAGE)
    everything = search(parsed, scope=scope)
    parts = {t.slug: _type_members(t) for t in types}
    if search_type is None:
        counts = everything.counts_by(parts, prefetch)
        results = everything
    else:
        results = search(parsed, search_type, scope)
        counts = results.count_within(everything, parts, prefetch)
    exact = not everything.is_capped
    return results, {slug: count if exact else None for slug, count in counts.items() if count}


def _plain_page_number(page_number):
    try:
        return max(1, int(page_number))
    except (TypeError, ValueError):
        return 1


def _hit(row):
    content_type_id, object_id, score, text = row
    return Hit((content_type_id, object_id), score or 0.0, text=text or "")


def paginate(results, page_number):
    """The requested result page (``Paginator.get_page``: bad numbers give page 1 or the
    last page), its hits ready to show."""
    return Paginator(results, PER_PAGE).get_page(page_number)


def _long_texts(model):
    """The StreamField and rich-text fields of ``model``: a hit shows its title, summary
    and excerpt, never these (the summary's fallback field excepted)."""
    keep = getattr(model, "summary_fallback_field", None)
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField | RichTextField) and field.name != keep
    ]


def _hit_shape(queryset):
    """What a hit of ``queryset.model`` loads: no long texts; documents with their year."""
    queryset = queryset.defer(*_long_texts(queryset.model))
    if queryset.model is get_document_model():
        # Dated like on the Dokumentationen page: own year, else the event's year.
        queryset = with_listing_year(queryset)
    return queryset


def load_items(hits):
    """Replace each hit's ``(content type id, object id)`` by the object: one query per
    model on the result page. Hits whose object is gone are dropped."""
    by_type = {}
    for hit in hits:
        by_type.setdefault(hit.item[0], set()).add(hit.item[1])
    document_model = get_document_model()
    objects = {}
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in objects_in(model, "pk", object_ids, _hit_shape):
            objects[content_type_id, str(obj.pk)] = obj
    loaded = []
    for hit in hits:
        obj = objects.get(hit.item)
        if obj is not None:
            hit.item = obj
            hit.is_document = isinstance(obj, document_model)
            loaded.append(hit)
    return loaded


def prepare_hits(rows, words):
    """Objects, excerpts and document usage for one page of hits, in bulk."""
    hits = load_items([_hit(row) for row in rows])
    for hit in hits:
        text = hit.text if hit.text and not hit.text.isspace() else _summary(hit.item)
        hit.excerpt = excerpt(text, words)

    document_hits = [hit for hit in hits if hit.is_document]
    used_on = pages_using([hit.item for hit in document_hits])
    for hit in document_hits:
        hit.used_on = used_on.get(hit.item.pk, [])
    return hits


def _summary(item):
    get_summary = getattr(item, "get_summary", None)
    return get_summary() if get_summary else getattr(item, "description", "")
