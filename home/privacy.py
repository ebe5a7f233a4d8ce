"""Which pages visitors may see: Wagtail's ``PageQuerySet.public()`` without its query.

``public()`` reads every view restriction (one query per call, several per listing page).
The tree paths of the restricted pages are cached under the content version instead,
renewed by every save and delete of a restriction as Wagtail's privacy dialog makes them,
and read again from the database when the cache cannot answer."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from ec_site.content_version import cached


def restricted_page_paths():
    return cached(
        "restricted-page-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public(pages):
    """``pages`` without the restricted pages and everything below them (as ``public()``)."""
    hidden = Q()
    for path in restricted_page_paths():
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages


def is_public(page):
    """Whether no view restriction covers ``page`` (the test of ``public()`` for one page)."""
    return not any(page.path.startswith(path) for path in restricted_page_paths())
