from django import template
from wagtail.models import Page

from home import navigation

register = template.Library()


def _mark(links, page):
    """Copies of ``links`` with ``current`` (the page itself) and ``active`` (a page
    the current one is shown under)."""
    current_path = page.path if page else ""
    placed_under = _navigation_page(page).path if page else ""
    return [
        {
            **link,
            "current": link["path"] == current_path,
            "active": bool(placed_under) and placed_under.startswith(link["path"]),
        }
        for link in links
    ]


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _navigation_page(page):
    """The page whose place in the tree the navigation shows. A page type may name
    another one with ``get_navigation_parent()`` (an event sits in one folder but is
    listed under Ankündigungen or Rückblick); the page then counts as its child."""
    if page is not None and hasattr(page, "get_navigation_parent"):
        return page.get_navigation_parent() or page
    return page


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    items = _mark(navigation.main_menu(context["request"]), _page(context))
    return {"items": items}


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    page = _page(context)
    if page is None or page.depth < 3:
        return {"items": []}
    links = navigation.trail(_navigation_page(page), context["request"])["section_menu"]
    items = _mark(links, page)
    if items:
        # The section itself is highlighted only when it is the current page.
        items[0]["active"] = items[0]["current"]
    return {"items": items, "section_title": links[0]["title"] if links else ""}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = _page(context)
    if page is None or page.depth < 3:
        return {"items": []}
    items = navigation.trail(_navigation_page(page), context["request"])["breadcrumbs"]
    if _navigation_page(page) is not page:
        items = [*items, {"title": page.title, "url": page.url, "path": page.path}]
    # A page type may add steps between its parent and itself (an area: its Land page).
    steps = getattr(page, "get_breadcrumb_steps", None)
    if steps is not None:
        items = [*items[:-1], *steps(context["request"]), items[-1]]
    return {"items": items}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    return navigation.footer(context["request"])
