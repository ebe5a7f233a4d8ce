"""Whole-page cache for anonymous visitors.

A request is served from the cache only when it is a GET or HEAD without a session
cookie (editors and everyone logged in always get a fresh page, previews live under
/admin/ and are never cached). A response is stored only when it is a complete 200
page that sets no cookie and does not forbid shared caching, so pages with forms
(CSRF cookie) stay uncached by themselves, and only when the view declared the
request's variant valid (``ec_site/variants.py``): unknown parameters are answered from
the page's canonical entry, invalid filter values are rendered without being stored.
A response that names its own ``max-age`` keeps it (the search page: stored here, but
never by browsers or a CDN).

The key holds the scheme and host, the site's content version (renewed by every
committed content change, see ``content_version.py``) and today's date in
Europe/Berlin, because pages such as the event listings change at midnight without
anybody publishing. Without a content version (the cache is down) nothing is read or
stored."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.utils.cache import patch_cache_control

from . import variants
from .content_version import cache_day, content_version

# Sent with the request whenever a page is answered from the cache, for the work that
# must happen on every request all the same (the search counts its queries).
served_from_cache = Signal()

BYPASS_PREFIXES = ("/admin/", "/dokumente/", "/health/", "/static/", "/media/", "/_util/")
FORBIDDING_DIRECTIVES = ("private", "no-cache", "no-store")


def page_cache_entry(request):
    """(cache key, identity of the variant) for ``request``, or ``None`` when it cannot
    be cached (no content version, an overlong query string)."""
    version = content_version()
    variant = variants.of(request)
    if not version or variant.too_long:
        return None
    base = f"{variants.origin(request)}{request.path}"
    ident = f"{base}?{variant.query}"
    limit = variants.entry_limit(request.path)
    # A view with unbounded variants (the search) shares a fixed number of slots.
    slot_ident = f"{base}#{variants.slot(ident, limit)}" if limit and variant.query else ident
    digest = hashlib.sha256(slot_ident.encode("utf-8", "surrogatepass")).hexdigest()
    return f"ec:page:{version}:{cache_day()}:{digest}", ident


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(BYPASS_PREFIXES)
    )


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in cache_control for directive in FORBIDDING_DIRECTIVES)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if (
                settings.SESSION_COOKIE_NAME in request.COOKIES
                and "Cache-Control" not in response
                and not request.path.startswith("/static/")
            ):
                # Someone with a session (an editor) must not get a page that a shared
                # cache would hand to others.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        entry = page_cache_entry(request)
        if entry is not None:
            cached = cache.get(entry[0])
            if isinstance(cached, tuple) and cached[0] == entry[1]:
                response = cached[1]
                response["X-Page-Cache"] = "hit"
                served_from_cache.send(sender=type(self), request=request)
                return response

        response = self.get_response(request)
        if is_cacheable_response(response):
            if "max-age" not in response.get("Cache-Control", ""):
                # A view that sets its own lifetime (the search: 0) keeps it.
                patch_cache_control(
                    response,
                    public=True,
                    max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE,
                    s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
                )
            if entry is not None and request.method == "GET" and variants.is_storable(request):
                self.store(entry, response)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def store(entry, response):
        key, ident = entry

        def store_rendered(rendered):
            cache.set(key, (ident, rendered), settings.PAGE_CACHE_TIMEOUT)

        if hasattr(response, "render") and not response.is_rendered:
            response.add_post_render_callback(store_rendered)
        else:
            store_rendered(response)
