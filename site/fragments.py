"""The fragment cache: rendered listing bodies (``{% fragmentcache %}``) and routed pages,
kept on the ``template_fragments`` cache alias under the content version.

Where the anonymous page cache does not apply (editors, a cold cache after a publish,
query strings of filters and pages), these pieces are what is expensive to build: the
listings of hundreds of events or areas and the two queries that find a page by its
path. The alias is switched off in development and in the test suite
(``DummyCache``); the tests that cover this module switch it on."""

from urllib.parse import urlencode

from django.core.cache import caches

from .content_version import content_version

# Query strings longer than this are rendered without the cache.
MAX_VARIANT_LENGTH = 200


def fragment_cache():
    return caches["template_fragments"]


def listing_variant(request, params):
    """The variant of a listing that ``request`` asks for, as part of a fragment key:
    host, path and the listing's own query parameters in a fixed order. ``None`` (render
    without the cache) when the query string has other parameters or is very long."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_VARIANT_LENGTH:
        return None
    if any(name not in params for name in request.GET):
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return f"{request.get_host()}{request.path}?{query}"


def content_key(key):
    """``key`` under the current content version: gone with the next change."""
    return f"ec:f:{content_version()}:{key}"
