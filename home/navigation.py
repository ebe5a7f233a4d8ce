"""Navigation built from the page tree: main menu, section menu, breadcrumbs, footer.

Each piece is computed with one query and kept in Django's cache under the site's
content version (``ec_site.content_version``), which every publish, unpublish, move or
delete of a page and every change of a site setting renews. A warm page therefore
spends no query on its shell."""

from wagtail.models import Page, Site

from ec_site.content_version import cached as _cached


def _link(page, request):
    return {"title": page.title, "url": page.get_url(request), "path": page.path}


def site_for(request):
    return Site.find_for_request(request)


def site_root(request):
    site = site_for(request)
    return site.root_page if site else None


def main_menu(request):
    site = site_for(request)
    if site is None:
        return []

    def compute():
        root = Page(path=site.root_page.path, depth=site.root_page.depth)
        children = (
            Page.objects.filter(path__startswith=root.path, depth=root.depth + 1)
            .live()
            .in_menu()
            .order_by("path")
            .only("id", "title", "url_path", "depth", "path")
        )
        return [_link(child, request) for child in children]

    return _cached(f"menu:{site.pk}", compute)


def trail(page, request):
    """Breadcrumbs (start page first, ``page`` last) and the section menu of ``page``.

    The section is the page's ancestor directly below the start page; its menu lists the
    section itself and its children that are in menus."""

    def compute():
        ancestors = list(
            Page.objects.ancestor_of(page, inclusive=True)
            .filter(depth__gte=2)
            .only("id", "title", "url_path", "depth", "path")
            .order_by("depth")
        )
        section_links = []
        if len(ancestors) > 1:
            section = ancestors[1]
            children = (
                Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
                .live()
                .in_menu()
                .order_by("path")
                .only("id", "title", "url_path", "depth", "path")
            )
            section_links = [_link(child, request) for child in children]
            if section_links:
                section_links.insert(0, _link(section, request))
        return {
            "breadcrumbs": [_link(ancestor, request) for ancestor in ancestors],
            "section_menu": section_links,
        }

    return _cached(f"trail:{page.pk}", compute)


def footer(request):
    from .models import FooterSettings

    site = site_for(request)
    if site is None:
        return {"partner_links": [], "legal_links": []}

    def compute():
        settings = FooterSettings.for_footer(site)
        legal = []
        for attr, label in (
            ("contact_page", "Kontakt"),
            ("imprint_page", "Impressum"),
            ("privacy_page", "Datenschutz"),
            ("accessibility_page", "Barrierefreiheit"),
        ):
            target = getattr(settings, attr)
            if target is not None and target.live:
                legal.append({"title": label, "url": target.get_url(request)})
        partners = [
            {"name": link.name, "url": link.url, "description": link.description}
            for link in settings.partner_links.all()
        ]
        return {"partner_links": partners, "legal_links": legal}

    return _cached(f"footer:{site.pk}", compute)
