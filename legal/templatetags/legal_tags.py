from django import template
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from home import navigation

from ..models import EasyLanguagePage, SignLanguagePage

register = template.Library()

# Order and labels of the links in the page header (as on German federal sites).
HEADER_PAGE_TYPES = [(EasyLanguagePage, "Leichte Sprache"), (SignLanguagePage, "Gebärdensprache")]


@register.inclusion_tag("legal/includes/accessibility_links.html", takes_context=True)
def accessibility_links(context):
    """Links to the Leichte Sprache and Gebärdensprache pages of the site, one query."""
    request = context["request"]
    root = navigation.site_root(request)
    if root is None:
        return {"links": []}
    content_types = {
        ContentType.objects.get_for_model(model).pk: label for model, label in HEADER_PAGE_TYPES
    }
    pages = (
        Page.objects.live()
        .descendant_of(root)
        .filter(content_type_id__in=content_types)
        .only("id", "url_path", "content_type_id", "path", "depth")
        .order_by("path")
    )
    found = {}
    for page in pages:
        found.setdefault(page.content_type_id, page)
    current = context.get("page")
    links = [
        {
            "page": found[pk],
            "label": label,
            "current": isinstance(current, Page) and current.pk == found[pk].pk,
        }
        for pk, label in content_types.items()
        if pk in found
    ]
    return {"links": links, "request": request}
