"""Counts that tell which variants of the event listings exist, cached under the content
version and the day (events move from the Ankündigungen to the Rückblick at midnight).

They let a listing declare the variant it renders (``ec_site.variants``) before, and
without, building the list: a year without events or a page past the end is rendered but
never stored."""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, Max

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


def newest_listed_change(upcoming):
    """The newest publish among the events the Ankündigungen (``upcoming``) or the
    Rückblick list: their „Stand:“ without a query per rendering."""
    from .listing import event_listing_queryset

    def newest():
        events = event_listing_queryset()
        events = events.upcoming() if upcoming else events.past()
        return (events.order_by().aggregate(newest=Max("last_published_at"))["newest"],)

    life = "upcoming" if upcoming else "past"
    return cached(f"conference-newest-change:{life}:{cache_day()}", newest)[0]


def retrospective_count(filters):
    """How many past events the Rückblick lists with ``filters`` (``jahr``, ``art``)."""
    return sum(
        number
        for (year, kind), number in retrospective_counts().items()
        if filters.get("jahr", year) == year and filters.get("art", kind) == kind
    )


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

    form = RetrospectiveFilterForm(request.GET, years=retrospective_years())
    form.is_valid()
    filters = form.active_filters()
    page = effective_page(request.GET.get("page"), retrospective_count(filters), ITEMS_PER_PAGE)
    return {**filters, "page": page if page > 1 else None}
