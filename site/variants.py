"""Which variants of a page the caches may keep: the bound on what a client can store.

A request's *variant* is the part of its query string that the site knows: the
parameters some page type (``query_parameters``) or view (``register_query_parameters``)
reads, sorted, without empty values. Everything else (``utm_source``, probes) is no part
of it: the page cache answers such a request from the page's canonical entry and never
stores a new one, and listings render it without their fragment cache.

A view *declares* the variant it rendered, from validated values only
(``declare(request, page=2, jahr=2005)``: the page number it really shows, the filters
it really applied). The page cache and the fragment cache store only when the request's
variant is exactly the declared one. Invalid values (an unknown Land, a year without
events, a page past the end), spellings that are not canonical (``page=02``,
``page=1``) and parameters a page does not read are rendered, never stored. So an
anonymous client can create at most (pages × valid variants) entries.

A view whose valid variants are unbounded (the search: any words) caps its entries with
``limit_entries``: its variants share a fixed number of slots per content version."""

import functools
import hashlib
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

# Longer query strings are neither looked up nor stored.
MAX_QUERY_STRING = 300

_registered_parameters = set()
_entry_limits = {}


def register_query_parameters(*names):
    """Parameters read by a view that is not a page type (the search, the sitemap)."""
    _registered_parameters.update(names)
    known_parameters.cache_clear()


@functools.cache
def known_parameters():
    from wagtail.models import get_page_models

    names = set(_registered_parameters)
    for model in get_page_models():
        names.update(getattr(model, "query_parameters", ()))
    return frozenset(names)


def limit_entries(url_name, entries):
    """At most ``entries()`` cached variants per content version for the view ``url_name``
    (a callable, so that it follows the settings)."""
    _entry_limits[url_name] = entries
    _limited_paths.cache_clear()


@functools.cache
def _limited_paths():
    paths = {}
    for name, entries in _entry_limits.items():
        try:
            paths[reverse(name)] = entries
        except NoReverseMatch:
            continue
    return paths


def entry_limit(path):
    entries = _limited_paths().get(path)
    return entries() if entries is not None else None


def canonical_query(pairs):
    return urlencode(sorted((name, str(value)) for name, value in pairs if value not in ("", None)))


class RequestVariant:
    """The known part of a request's query string, and whether anything else came with it."""

    def __init__(self, request):
        raw = request.META.get("QUERY_STRING", "")
        self.too_long = len(raw) > MAX_QUERY_STRING
        known = known_parameters()
        pairs = []
        self.has_unknown = False
        if not self.too_long:
            for name, values in request.GET.lists():
                if name in known:
                    pairs.extend((name, value) for value in values)
                elif any(values):
                    self.has_unknown = True
        self.query = canonical_query(pairs)


def of(request):
    variant = getattr(request, "_ec_variant", None)
    if variant is None:
        variant = request._ec_variant = RequestVariant(request)
    return variant


def declare(request, **params):
    """The variant ``request`` was rendered as: validated values only, ``None`` or ``""``
    for what is left out (page 1 is no parameter)."""
    request.cache_variant = canonical_query(params.items())


def is_storable(request):
    """May what was rendered for ``request`` be kept under its variant?"""
    variant = of(request)
    return (
        not variant.too_long
        and not variant.has_unknown
        and variant.query == getattr(request, "cache_variant", "")
    )


def origin(request):
    """Scheme and host: part of every cache key (an https page must not reach http)."""
    return f"{request.scheme}://{request.get_host()}"


def fragment_variant(request):
    """The key of a listing's rendered variant (scheme, host, path, known parameters),
    or ``None`` when it must be rendered without the cache."""
    if not is_storable(request):
        return None
    return f"{origin(request)}{request.path}?{of(request).query}"


def slot(ident, entries):
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % entries
