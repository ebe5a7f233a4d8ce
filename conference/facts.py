"""Counts that tell which variants of the event listings exist, cached under the content
version and the day (events move from the Ankündigungen to the Rückblick at midnight).

They let a listing declare the variant it renders (``ec_site.variants``) before, and
without, building the list: a year without events or a page past the end is rendered but
never stored."""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count

from ec_site.content_version import cache_day, cached


def effective_page(requested, count, per_page):
    """The page number ``Paginator.get_page(requested)`` shows for ``count`` items."""
    return Paginator(range(count), per_page).get_page(requested).number


def announcement_count():
    from .listing import event_listing_queryset

    return cached(
        f"conference-announcement-count:{cache_day()}",
        lambda: event_listing_queryset().upcoming().count(),
    )


def retrospective_counts():
    """``Counter({(year, kind): number of past events})``."""
    from .listing import event_listing_queryset

    def count():
        rows = (
            event_listing_queryset()
            .past()
            .order_by()
            .values_list("start_date__year", "event_kind")
            .annotate(number=Count("pk"))
        )
        return Counter({(year, kind): number for year, kind, number in rows})

    return cached(f"conference-retrospective-counts:{cache_day()}", count)


def retrospective_years():
    """The years with past events, newest first (the Rückblick's year filter)."""
    return sorted({year for year, _kind in retrospective_counts()}, reverse=True)


def announcement_variant(request):
    """The variant of the Ankündigungen that ``request`` gets: the page it really shows."""
    from .listing import ITEMS_PER_PAGE

    page = effective_page(request.GET.get("page"), announcement_count(), ITEMS_PER_PAGE)
    return {"page": page if page > 1 else None}


def retrospective_variant(request):
    """The variant of the Rückblick that ``request`` gets: the valid filters and the page
    it really shows."""
    from .forms import RetrospectiveFilterForm
    from .listing import ITEMS_PER_PAGE

    counts = retrospective_counts()
    form = RetrospectiveFilterForm(request.GET, years=retrospective_years())
    form.is_valid()
    filters = form.active_filters()
    count = sum(
        number
        for (year, kind), number in counts.items()
        if filters.get("jahr", year) == year and filters.get("art", kind) == kind
    )
    page = effective_page(request.GET.get("page"), count, ITEMS_PER_PAGE)
    return {**filters, "page": page if page > 1 else None}
