"""The type filter of the search page (``?typ=rueckblick``).

The labels come from the page models themselves (``BasePage.search_type_filters()``),
so a new page type appears in the filter without a change here; documents add
"Dokument". A label can narrow a page type further (events: before or after their date)."""

import functools
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import get_page_models

from home.german import german_slug
from home.models import BasePage

DOCUMENT_LABEL = "Dokument"


@functools.cache
def type_slug(label):
    """``"Rückblick"`` -> ``"rueckblick"``: German transliteration, then a slug."""
    return german_slug(label)


@dataclass
class SearchType:
    label: str
    slug: str
    # (page model, Q on that model) pairs whose pages carry this label.
    page_filters: list = field(default_factory=list)
    is_document: bool = False

    def page_condition(self):
        """A ``Q`` on ``Page`` selecting the pages of this type."""
        condition = Q(pk__in=[])
        for model, extra in self.page_filters:
            if extra:
                condition |= Q(pk__in=model.objects.filter(extra).values("pk"))
            else:
                condition |= Q(content_type=ContentType.objects.get_for_model(model))
        return condition


def search_types():
    """Every type a visitor can filter by, in the order of the page models, then
    "Dokument". Built per request: a label's filter may depend on today's date."""
    by_label = {}
    for model in get_page_models():
        if not issubclass(model, BasePage) or model._meta.abstract:
            continue
        for label, extra in model.search_type_filters().items():
            search_type = by_label.setdefault(label, SearchType(label, type_slug(label)))
            search_type.page_filters.append((model, extra))
    return [
        *by_label.values(),
        SearchType(DOCUMENT_LABEL, type_slug(DOCUMENT_LABEL), is_document=True),
    ]


def find_search_type(slug):
    """The type for a ``?typ=`` value, or ``None`` when there is none by that name."""
    return next((t for t in search_types() if t.slug == slug), None)
