"""Whole-page cache for anonymous visitors.

A request is served from the cache only when it is a GET or HEAD without a session
cookie (editors and everyone logged in always get a fresh page, previews live under
/admin/ and are never cached). A response is stored only when it is a complete 200
page that sets no cookie and does not forbid shared caching, so pages with forms
(CSRF cookie) stay uncached by themselves. A response that names its own ``max-age``
keeps it (the search page: stored here, but never by browsers or a CDN).

The key holds the site's content version (renewed by every content change, see
``content_version.py``) and today's date in Europe/Berlin, because pages such as the
event listings change their content at midnight without anybody publishing."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.utils.cache import patch_cache_control

from .content_version import cache_day, content_version

# Sent with the request whenever a page is answered from the cache, for the work that
# must happen on every request all the same (the search counts its queries).
served_from_cache = Signal()

BYPASS_PREFIXES = ("/admin/", "/dokumente/", "/health/", "/static/", "/media/")
FORBIDDING_DIRECTIVES = ("private", "no-cache", "no-store")


def page_cache_key(request):
    raw = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"ec:page:{content_version()}:{cache_day()}:{digest}"


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

        key = page_cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            served_from_cache.send(sender=type(self), request=request)
            return cached

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
            if request.method == "GET":
                if hasattr(response, "render") and not response.is_rendered:
                    response.add_post_render_callback(
                        lambda rendered: cache.set(key, rendered, settings.PAGE_CACHE_TIMEOUT)
                    )
                else:
                    cache.set(key, response, settings.PAGE_CACHE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response
