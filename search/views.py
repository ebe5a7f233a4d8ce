from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from home.navigation import main_menu, site_root

from . import engine
from .promotions import promotions_for, record_query
from .text import clean_query, query_words
from .types import find_search_type, search_types


def search(request):
    """The search results page (``/suche/?q=…&typ=…&page=…``). Any input gives a normal
    page: the query is cleaned and capped, unknown types and bad page numbers fall back."""
    query = clean_query(request.GET.get("q", ""))
    words = query_words(query)
    types = search_types()
    type_slug = clean_query(request.GET.get("typ", ""))
    search_type = find_search_type(type_slug) if type_slug else None
    unknown_type = bool(type_slug) and search_type is None

    promotions = []
    page_obj = None
    if words:
        # Editors' promotions apply to the unfiltered search. A promoted page is listed
        # once, at the top of the first result page, and left out of the ranked hits.
        if search_type is None:
            promotions = promotions_for(query)
        promoted_ids = [p.page_id for p in promotions if p.page_id]
        results = engine.search(
            words, search_type, exclude_page_ids=promoted_ids, root=site_root(request)
        )
        page_obj = engine.paginate(results, request.GET.get("page"))
        engine.prepare_hits(page_obj.object_list, words)
        if request.GET.get("page", "1").strip() in ("", "1") and search_type is None:
            # Counted once per search, not again for every result page or filter.
            record_query(query)

    browse_pages = []
    if query and not (page_obj and page_obj.object_list) and not promotions:
        browse_pages = main_menu(request)

    total = (page_obj.paginator.count if page_obj else 0) + len(promotions)
    response = render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_type": search_type,
            "unknown_type": unknown_type,
            "type_options": [(t, _type_url(query, t)) for t in types],
            "all_types_url": _type_url(query, None),
            "promotions": promotions if page_obj and page_obj.number == 1 else [],
            "page_obj": page_obj,
            "browse_pages": browse_pages,
            "total": total,
            "extra_query": urlencode(
                {"q": query, **({"typ": search_type.slug} if search_type else {})}
            ),
        },
    )
    # Results depend on the query and on what is published right now: never cache publicly.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _type_url(query, search_type):
    params = {"q": query}
    if search_type is not None:
        params["typ"] = search_type.slug
    return "?" + urlencode(params)
