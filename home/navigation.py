"""Navigation built from the page tree: main menu, section menu, breadcrumbs.

Each piece costs one query however many pages the site has."""

from wagtail.models import Page, Site


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def main_menu_items(root):
    return root.get_children().live().in_menu().only("id", "title", "url_path", "depth", "path")


def navigation_parent(page):
    """The page that menus and breadcrumbs show ``page`` under, when that is not its
    parent in the tree. A page type says so with ``get_navigation_parent()`` (an event
    sits in one folder but is listed under Ankündigungen or Rückblick)."""
    getter = getattr(page, "get_navigation_parent", None)
    return getter() if getter is not None else None


def ancestors(page):
    """The page's ancestors below the tree root, the page included, top first.

    Kept on the page object so main menu, breadcrumbs and section menu share one query."""
    cached = getattr(page, "_ec_ancestors", None)
    if cached is None:
        parent = navigation_parent(page)
        if parent is not None:
            cached = [*ancestors(parent), page]
        else:
            cached = list(
                Page.objects.ancestor_of(page, inclusive=True)
                .filter(depth__gte=2)
                .only("id", "title", "url_path", "depth", "path", "numchild", "show_in_menus")
                .order_by("depth")
            )
        page._ec_ancestors = cached
    return cached


def section_of(page):
    """The top-level section (a child of the start page) that ``page`` belongs to."""
    chain = ancestors(page)
    return chain[1] if len(chain) > 1 else None


def section_menu_items(section):
    return list(
        section.get_children().live().in_menu().only("id", "title", "url_path", "depth", "path")
    )
