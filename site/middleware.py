from contextlib import suppress

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from .content_version import content_version


class CachedSiteMiddleware:
    """Finds the Wagtail site of the request, with its start page, in the cache.

    Wagtail looks the site up on every request (one query) and then loads the start
    page (two more) before routing. Both are kept under the content version, which
    every change of a site or a page renews. Wagtail's ``Site.find_for_request`` keeps
    its answer in ``request._wagtail_site`` and reads it from there; setting it is how
    this middleware hands the site over (a dependency on Wagtail's internals, checked by
    tests/test_page_cache.py: ``test_wagtail_takes_the_site_from_the_middleware``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(("/static/", "/admin/", "/health/")):
            # A disallowed host is answered with 400 further down.
            with suppress(DisallowedHost):
                request._wagtail_site = self.site_for(request)
        return self.get_response(request)

    @staticmethod
    def site_for(request):
        version = content_version()
        key = f"ec:site:{version}:{request.get_host()}"
        site = cache.get(key) if version else None
        if site is None:
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
            if version:
                cache.set(key, site, 60 * 60)
        return site
