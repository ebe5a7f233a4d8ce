from django import template
from django.core.cache import cache
from wagtail.models import Page, Site

from ..models import EasyLanguagePage, SignLanguagePage

register = template.Library()

# Order and labels of the links in the page header (as on German federal sites).
HEADER_PAGE_TYPES = [
    (EasyLanguagePage, "Leichte Sprache", "easy"),
    (SignLanguagePage, "Gebärdensprache", "sign"),
]
CACHE_KEY = "legal:header-links:{site_id}"
# The signals empty the cache at once; the timeout bounds staleness in other processes
# when the cache is process-local (LocMemCache without REDIS_URL).
CACHE_SECONDS = 300


def header_links_for_site(site, request=None):
    """[(label, kind, url, page id)] of the site's Leichte Sprache and Gebärdensprache pages.

    Cached per site (the header is on every page); emptied when pages are published,
    unpublished, moved or deleted (see legal/signals.py)."""
    key = CACHE_KEY.format(site_id=site.pk)
    links = cache.get(key)
    if links is None:
        links = []
        for model, label, kind in HEADER_PAGE_TYPES:
            page = (
                model.objects.live()
                .descendant_of(site.root_page)
                .order_by("path")
                .only("id", "url_path", "path", "depth")
                .first()
            )
            if page is not None:
                links.append((label, kind, page.get_url(request), page.pk))
        cache.set(key, links, CACHE_SECONDS)
    return links


def clear_header_links():
    for site_id in Site.objects.values_list("pk", flat=True):
        cache.delete(CACHE_KEY.format(site_id=site_id))


@register.inclusion_tag("legal/includes/accessibility_links.html", takes_context=True)
def accessibility_links(context):
    """Links to the Leichte Sprache and Gebärdensprache pages; no query once cached."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"links": []}
    current = context.get("page")
    current_id = current.pk if isinstance(current, Page) else None
    return {
        "links": [
            {"label": label, "kind": kind, "url": url, "current": page_id == current_id}
            for label, kind, url, page_id in header_links_for_site(site, request)
        ]
    }
