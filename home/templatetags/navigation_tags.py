from django import template
from wagtail.models import Page

from home import navigation
from home.models import FooterSettings

register = template.Library()


def _trail(context):
    """Paths of the current page and the pages it is shown under; empty on the start page."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 3:
        return page.path if isinstance(page, Page) else "", set()
    return page.path, {item.path for item in navigation.ancestors(page)}


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    root = navigation.site_root(request)
    current, trail = _trail(context)
    items = []
    if root is not None:
        for item in navigation.main_menu_items(root):
            items.append(
                {
                    "page": item,
                    "active": item.path in trail,
                    "current": current == item.path,
                }
            )
    return {"items": items, "request": request}


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 3:
        return {"items": []}
    section = navigation.section_of(page)
    children = navigation.section_menu_items(section) if section else []
    if not children:
        return {"items": []}
    current = page.path
    items = [
        {"page": item, "current": item.path == current, "active": current.startswith(item.path)}
        for item in [section, *children]
    ]
    # The section itself is only "active" when it is the current page.
    items[0]["active"] = items[0]["current"]
    return {"items": items, "section": section, "request": context["request"]}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 3:
        return {"items": []}
    return {"items": navigation.ancestors(page), "request": context["request"]}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    root = navigation.site_root(request)
    footer = FooterSettings.for_footer(request)
    legal = []
    if footer is not None:
        for attr, fallback in (
            ("imprint_page", "Impressum"),
            ("privacy_page", "Datenschutz"),
            ("accessibility_page", "Barrierefreiheit"),
        ):
            target = getattr(footer, attr)
            if target is not None and target.live:
                legal.append({"page": target, "label": fallback})
    return {
        "partner_links": list(footer.partner_links.all()) if footer else [],
        "legal_links": legal,
        "root": root,
        "request": request,
        "page": context.get("page"),
    }
