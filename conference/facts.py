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
    from .models import event_listing_queryset

    return cached(
        f"conference-announcement-count:{cache_day()}",
        lambda: event_listing_queryset().upcoming().count(),
    )


def retrospective_counts():
    """``Counter({(year, kind): number of past events})``."""
    from .models import event_listing_queryset

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
