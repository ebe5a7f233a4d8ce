"""The site search: live, public pages and documents of public collections, ranked
together, in pages of ``PER_PAGE`` hits.

Pages and documents are searched separately through Wagtail's search backend and merged
by score; only the slice of the current result page is loaded, and everything shown for
it (specific pages, excerpts, where a document is used) is fetched in bulk, so the number
of queries does not depend on the number of hits."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_models

from documents.public import pages_using, public_documents

from .highlight import excerpt
from .matching import index_entry_model, matcher
from .text import single_line

PER_PAGE = 10
# Hits are counted exactly up to this number („mehr als 1.000 Treffer“ beyond).
COUNT_CAP = 1000


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
    return Page.objects.live().public()


def _text_ids(queryset):
    return queryset.annotate(_text_id=Cast("pk", output_field=CharField())).values("_text_id")


def _page_content_type_ids():
    return [ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values()]


class RankedResults:
    """The index entries matching a query, as a sequence for a ``Paginator``: ``count()``
    is exact up to ``COUNT_CAP`` (and ``COUNT_CAP`` beyond, ``is_capped`` then), a slice
    is one query for the hits of that slice, ranked.

    Only a bounded set of candidates is ranked, so that a broad query costs no more than
    a narrow one: the entries whose title matches and the first entries whose text
    matches, at most ``COUNT_CAP`` of each; every hit ranked among them is a real hit, and
    title matches, which rank highest, are all among them up to the cap."""

    def __init__(self, entries, matcher):
        self.entries = entries
        self.matcher = matcher
        self._count = None

    def count(self):
        if self._count is None:
            matching = self.matcher.matching(self.entries).values("pk")
            self._count = matching[: COUNT_CAP + 1].count()
        return min(self._count, COUNT_CAP)

    @property
    def is_capped(self):
        self.count()
        return self._count > COUNT_CAP

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        candidates = Q(
            pk__in=self.matcher.title_matching(self.entries).values("pk")[:COUNT_CAP]
        ) | Q(pk__in=self.matcher.matching(self.entries).values("pk")[:COUNT_CAP])
        rows = (
            self.entries.model.objects.filter(candidates)
            .annotate(_score=self.matcher.score())
            .order_by("-_score", "pk")
            .values_list("content_type_id", "object_id", "_score", self.matcher.text_field)
        )[key]
        return [
            Hit((ct, object_id), score or 0.0, text=text) for ct, object_id, score, text in rows
        ]


def search(parsed, search_type=None, exclude_page_ids=(), root=None):
    """``RankedResults`` for ``parsed`` (a ``query.ParsedQuery``), optionally limited to
    one ``SearchType`` and to the pages below ``root`` (the site's start page)."""
    IndexEntry = index_entry_model()
    sources = Q(pk__in=[])
    if search_type is None or not search_type.is_document:
        pages = public_pages().exclude(pk__in=list(exclude_page_ids))
        pages = pages.descendant_of(root, inclusive=True) if root else pages.filter(depth__gt=1)
        if search_type is not None:
            pages = pages.filter(search_type.page_condition())
        sources |= Q(content_type_id__in=_page_content_type_ids(), object_id__in=_text_ids(pages))
    if search_type is None or search_type.is_document:
        sources |= Q(
            content_type_id=ContentType.objects.get_for_model(get_document_model()).pk,
            object_id__in=_text_ids(public_documents()),
        )
    return RankedResults(IndexEntry.objects.filter(sources), matcher(parsed))


def paginate(results, page_number):
    """The requested result page (``Paginator.get_page``: bad numbers give page 1 or the
    last page), its hits ready to show."""
    return Paginator(results, PER_PAGE).get_page(page_number)


def load_items(hits):
    """Replace each hit's ``(content type id, object id)`` by the object: one query per
    model on the result page. Hits whose object is gone are dropped."""
    by_type = {}
    for hit in hits:
        by_type.setdefault(hit.item[0], []).append(hit.item[1])
    document_model = get_document_model()
    objects = {}
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in model.objects.filter(pk__in=object_ids):
            objects[content_type_id, str(obj.pk)] = obj
    loaded = []
    for hit in hits:
        obj = objects.get(hit.item)
        if obj is not None:
            hit.item = obj
            hit.is_document = isinstance(obj, document_model)
            loaded.append(hit)
    return loaded


def prepare_hits(hits, words):
    """Objects, excerpts and document usage for one page of hits, in bulk."""
    hits = load_items(hits)
    for hit in hits:
        text = single_line(hit.text) or single_line(_summary(hit.item))
        hit.excerpt = excerpt(text, words)

    document_hits = [hit for hit in hits if hit.is_document]
    used_on = pages_using([hit.item for hit in document_hits])
    for hit in document_hits:
        hit.used_on = used_on.get(hit.item.pk, [])
    return hits


def _summary(item):
    get_summary = getattr(item, "get_summary", None)
    return get_summary() if get_summary else getattr(item, "description", "")
