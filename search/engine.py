"""The site search: live, public pages and documents of public collections, ranked
together, in pages of ``PER_PAGE`` hits.

Pages and documents are searched separately through Wagtail's search backend and merged
by score; only the slice of the current result page is loaded, and everything shown for
it (specific pages, excerpts, where a document is used) is fetched in bulk, so the number
of queries does not depend on the number of hits."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from documents.public import pages_using, public_documents

from .highlight import excerpt
from .text import single_line

PER_PAGE = 10


@dataclass
class Hit:
    item: object
    score: float
    is_document: bool = False
    excerpt: str = ""
    # Live, public pages that use this document (documents only).
    used_on: list = field(default_factory=list)

    @property
    def template(self):
        if self.is_document:
            return "search/document_search.html"
        return getattr(self.item, "search_result_template", None) or "includes/search_hit.html"


def _relevance_sign():
    # SQLite's FTS5 ranks by bm25(), where lower is better; PostgreSQL by ts_rank().
    backend = get_search_backend()
    return -1.0 if type(backend).__name__.startswith("SQLite") else 1.0


def public_pages():
    return Page.objects.live().public()


class CombinedResults:
    """Search results of several sources as one sequence ordered by relevance, for a
    ``Paginator``: a slice loads the top ``stop`` hits of each source and merges them."""

    def __init__(self, sources):
        # [(SearchResults annotated with "_score", is_document)]
        self.sources = sources
        self._count = None

    def count(self):
        if self._count is None:
            self._count = sum(results.count() for results, _ in self.sources)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        stop = key.stop if key.stop is not None else self.count()
        sign = _relevance_sign()
        merged = [
            Hit(obj, sign * (getattr(obj, "_score", None) or 0.0), is_document)
            for results, is_document in self.sources
            for obj in results[:stop]
        ]
        # Stable: on equal scores pages stay before documents.
        merged.sort(key=lambda hit: -hit.score)
        return merged[key]


def search(words, search_type=None, exclude_page_ids=(), root=None):
    """A ``CombinedResults`` for the query ``words`` (a list of words), optionally limited
    to one ``SearchType`` and to the pages below ``root`` (the site's start page)."""
    query = " ".join(words)
    sources = []
    if search_type is None or not search_type.is_document:
        pages = public_pages().exclude(pk__in=list(exclude_page_ids))
        pages = pages.descendant_of(root, inclusive=True) if root else pages.filter(depth__gt=1)
        if search_type is not None:
            pages = pages.filter(search_type.page_condition())
        sources.append((pages.search(query).annotate_score("_score"), False))
    if search_type is None or search_type.is_document:
        sources.append((public_documents().search(query).annotate_score("_score"), True))
    return CombinedResults(sources)


def paginate(results, page_number):
    """The requested result page (``Paginator.get_page``: bad numbers give page 1 or the
    last page), its hits ready to show."""
    return Paginator(results, PER_PAGE).get_page(page_number)


def prepare_hits(hits, words):
    """Specific pages, excerpts and document usage for one page of hits, in bulk."""
    page_hits = [hit for hit in hits if not hit.is_document]
    document_hits = [hit for hit in hits if hit.is_document]

    specific = Page.objects.filter(pk__in=[hit.item.pk for hit in page_hits]).specific()
    specific_by_pk = {page.pk: page for page in specific}
    for hit in page_hits:
        hit.item = specific_by_pk.get(hit.item.pk, hit.item)

    texts = indexed_texts([hit.item for hit in hits])
    for hit in hits:
        text = texts.get(_index_key(hit.item)) or single_line(_summary(hit.item))
        hit.excerpt = excerpt(text, words)

    used_on = pages_using([hit.item for hit in document_hits])
    for hit in document_hits:
        hit.used_on = used_on.get(hit.item.pk, [])
    return hits


def _summary(item):
    get_summary = getattr(item, "get_summary", None)
    return get_summary() if get_summary else getattr(item, "description", "")


def _index_key(obj):
    content_type_id = getattr(obj, "content_type_id", None)
    if not isinstance(obj, Page) or content_type_id is None:
        content_type_id = ContentType.objects.get_for_model(obj).pk
    return content_type_id, str(obj.pk)


def indexed_texts(objects):
    """The plain text the database search backend indexed for ``objects`` (all fields
    but the title), keyed by ``(content type id, object id)``: the excerpt shows what
    was searched, without rendering every page's StreamField again. Empty for backends
    that keep no such text (then the summary is used)."""
    from modelsearch.conf import get_app_config

    IndexEntry = get_app_config().get_model("IndexEntry")

    text_field = next(
        (
            name
            for name in ("body_text", "body")
            if _is_text_field(IndexEntry, name)  # PostgreSQL: body_text; SQLite: body
        ),
        None,
    )
    if not objects or text_field is None:
        return {}
    condition = Q(pk__in=[])
    keys = {_index_key(obj) for obj in objects}
    for content_type_id in {key[0] for key in keys}:
        object_ids = [object_id for ct, object_id in keys if ct == content_type_id]
        condition |= Q(content_type_id=content_type_id, object_id__in=object_ids)
    rows = IndexEntry.objects.filter(condition).values_list(
        "content_type_id", "object_id", text_field
    )
    return {(ct, object_id): single_line(text) for ct, object_id, text in rows}


def _is_text_field(model, name):
    from django.db.models import TextField

    try:
        return isinstance(model._meta.get_field(name), TextField)
    except Exception:
        return False
