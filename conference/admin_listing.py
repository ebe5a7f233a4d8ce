"""The admin's flat list of events (menu „Veranstaltungen“): date and current life
(Ankündigung or Rückblick) per event, filters by year, life and kind. Built on Wagtail's
``PageListingViewSet``; the page tree keeps working as before."""

import django_filters
from django.db.models.functions import ExtractYear
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import ANNOUNCEMENT, LIFE_LABELS, RETROSPECTIVE, EventKind, EventPage, upcoming_q


def event_years():
    years = (
        EventPage.objects.annotate(year=ExtractYear("start_date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years if year]


class EventFilterSet(PageListingViewSet.filterset_class):
    year = django_filters.ChoiceFilter(
        label="Jahr", choices=event_years, method="filter_year", empty_label="Alle Jahre"
    )
    life = django_filters.ChoiceFilter(
        label="Ankündigung oder Rückblick",
        choices=[
            (ANNOUNCEMENT, LIFE_LABELS[ANNOUNCEMENT]),
            (RETROSPECTIVE, LIFE_LABELS[RETROSPECTIVE]),
        ],
        method="filter_life",
        empty_label="Beide",
    )
    event_kind = django_filters.ChoiceFilter(
        label="Veranstaltungsart", choices=EventKind.choices, empty_label="Alle Arten"
    )

    class Meta:
        model = EventPage
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_date__year=int(value))

    def filter_life(self, queryset, name, value):
        upcoming = upcoming_q()
        return queryset.filter(upcoming) if value == ANNOUNCEMENT else queryset.exclude(upcoming)


class EventIndexView(PageListingViewSet.index_view_class):
    default_ordering = "-start_date"


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = "Veranstaltungen"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = EventIndexView
    filterset_class = EventFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("date_range", label="Termin", sort_key="start_date", width="18%"),
        Column("life_label", label="Ankündigung / Rückblick", width="14%"),
    ]


event_listing_viewset = EventListingViewSet("veranstaltungen")
