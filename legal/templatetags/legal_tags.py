from django import template
from wagtail.models import Page, Site

from ec_site.content_version import cached

from ..models import EasyLanguagePage, SignLanguagePage

register = template.Library()

# Order and labels of the links in the page header (as on German federal sites).
HEADER_PAGE_TYPES = [
    (EasyLanguagePage, "Leichte Sprache", "easy"),
    (SignLanguagePage, "Gebärdensprache", "sign"),
]


def header_links_for_site(site, request=None):
    """[(label, kind, url, page id)] of the site's Leichte Sprache and Gebärdensprache pages.

    Kept under the content version (ec_site.content_version), which every publish,
    unpublish, move or deletion of a page renews."""

    def compute():
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
        return links

    return cached(f"legal-header-links:{site.pk}", compute)


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
