import functools
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from ec_site import variants
from ec_site.fragments import BoundedKey
from home.navigation import main_menu, site_root

from . import engine
from .promotions import promotions_for, record_query
from .query import parse
from .suggestions import suggest
from .text import clean_query
from .types import find_search_type, search_types

# Longer page numbers are not page numbers (Paginator.get_page shows the first page).
MAX_PAGE_NUMBER_LENGTH = 12
PLAIN_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")


@dataclass
class SearchParameters:
    """What a visitor asked for, cleaned: any input gives a normal page."""

    query: str
    parsed: object
    type_slug: str
    search_type: object
    page_number: str

    @classmethod
    def of(cls, request):
        query = clean_query(request.GET.get("q", ""))
        type_slug = clean_query(request.GET.get("typ", ""))
        return cls(
            query=query,
            parsed=parse(query),
            type_slug=type_slug,
            search_type=find_search_type(type_slug) if type_slug else None,
            page_number=request.GET.get("page", "")[:MAX_PAGE_NUMBER_LENGTH],
        )

    def declare_variant(self, request, shown_page=None):
        """The variant the caches may keep: the query as cleaned (a query typed otherwise
        is rendered, never stored), a known type, a page number in its plain form."""
        page = shown_page
        if page is None and PLAIN_PAGE_NUMBER.fullmatch(self.page_number):
            page = self.page_number
        variants.declare(
            request,
            q=self.query,
            typ=self.search_type.slug if self.search_type else None,
            page=page if str(page) != "1" else None,
        )

    @property
    def words(self):
        """The words looked for (marked in the excerpts)."""
        return self.parsed.positive_words

    @property
    def is_counted(self):
        """Counted for the statistics once per search, not again for every result page
        or type filter."""
        return bool(self.words) and self.page_number.strip() in ("", "1") and not self.search_type


def search(request):
    """The search results page (``/suche/?q=…&typ=…&page=…``). Any input gives a normal
    page: the query is cleaned and capped, unknown types and bad page numbers fall back."""
    params = SearchParameters.of(request)
    if params.is_counted:
        record_query(params.query)
    search_type = params.search_type
    params.declare_variant(request)
    fragment_variant = variants.fragment_variant(request)

    def results():
        found = _results(request, params)
        if found["page_obj"] is not None:
            # A page number past the end shows the last page: rendered, never stored.
            params.declare_variant(request, shown_page=found["page_obj"].number)
        return found

    response = render(
        request,
        "search/search.html",
        {
            "search_query": params.query,
            "search_type": search_type,
            "unknown_type": bool(params.type_slug) and search_type is None,
            # Searched only when the cached rendering of these results is missing.
            "results": SimpleLazyObject(results),
            "results_variant": fragment_variant
            and BoundedKey(fragment_variant, settings.SEARCH_CACHE_ENTRIES),
        },
    )
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        patch_cache_control(response, private=True, no_cache=True)  # editors: the userbar
    else:
        # The site's page cache may keep it: its key holds the content version, so results
        # are never stale, and a hit is still counted (count_cached_search). Browsers and a
        # CDN must ask again each time: they would do neither.
        patch_cache_control(response, public=True, max_age=0, s_maxage=0)
    return response


@functools.cache
def _search_path():
    return reverse("search")


def count_cached_search(sender, request, **kwargs):
    """A search answered by the page cache counts like any other (called on every
    page-cache hit, so it must stay cheap for all other pages)."""
    if request.path == _search_path():
        params = SearchParameters.of(request)
        if params.is_counted:
            record_query(params.query)


def _results(request, params):
    query, words, search_type = params.query, params.words, params.search_type
    promotions = []
    page_obj = None
    is_capped = False
    suggestion = None
    type_counts = {}
    types = search_types()  # built per request: a label's filter may depend on the date
    count_cap = engine.COUNT_CAP
    if params.parsed.is_searchable:
        # Editors' promotions apply to the unfiltered search. A promoted page is listed
        # once, at the top of the first result page, and left out of the ranked hits.
        if search_type is None:
            promotions = promotions_for(query)
        promoted_ids = [p.page_id for p in promotions if p.page_id]
        scope = engine.Scope(site_root(request), exclude_page_ids=promoted_ids)
        results, type_counts = engine.search_with_counts(
            params.parsed, search_type, types, scope, params.page_number
        )
        page_obj = engine.paginate(results, params.page_number)
        page_obj.object_list = engine.prepare_hits(page_obj.object_list, words)
        if not results.count() and not promotions:

            def finds_something(parsed):
                return engine.search(parsed, search_type, scope).count_up_to(1) > 0

            suggestion = suggest(query, params.parsed, finds_something)
        is_capped, count_cap = results.is_capped, results.count_cap

    browse_pages = []
    if query and not (page_obj and page_obj.object_list) and not promotions:
        browse_pages = main_menu(request)

    return {
        # Only types with hits (and the chosen one), with their number of hits.
        "type_options": [
            (t, _type_url(query, t), type_counts.get(t.slug))
            for t in types
            if t.slug in type_counts or (search_type and t.slug == search_type.slug)
        ],
        "all_types_url": _type_url(query, None),
        "promotions": promotions if page_obj is not None and page_obj.number == 1 else [],
        "page_obj": page_obj,
        "browse_pages": browse_pages,
        "total": (page_obj.paginator.count if page_obj else 0) + len(promotions),
        "is_capped": is_capped,
        "suggestion": suggestion,
        "suggestion_url": suggestion and _type_url(suggestion.query, search_type),
        "count_cap_label": f"{count_cap:,}".replace(",", "."),
        "only_exclusions": bool(query) and not params.parsed.is_searchable,
        "extra_query": urlencode(
            {"q": query, **({"typ": search_type.slug} if search_type else {})}
        ),
    }


def _type_url(query, search_type):
    params = {"q": query}
    if search_type is not None:
        params["typ"] = search_type.slug
    return "?" + urlencode(params)
