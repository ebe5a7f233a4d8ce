"""The queries behind the event listings: Ankündigungen, Rückblick (filtered by year and
kind), Veranstaltungstipps, the start page's events and the overview pages an event is
listed on. Only live pages outside private sections are listed."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Prefetch
from wagtail.models import Page

from ec_site.content_version import cached
from home.privacy import public

from .facts import announcement_count, retrospective_count, retrospective_years
from .forms import RetrospectiveFilterForm
from .models import (
    ITEMS_PER_PAGE,
    AnnouncementIndexPage,
    EventDocument,
    EventPage,
    EventTipPage,
    RetrospectiveIndexPage,
)

CARD_SKIPS = ("report", "announcement", "registration_contact")


def paginate(request, queryset):
    return Paginator(queryset, ITEMS_PER_PAGE).get_page(request.GET.get("page"))


class Counted:
    """``events`` whose number is known already (the cached counts of ``facts``, which
    also declared the page's variant), so the paginator does not count them again."""

    def __init__(self, events, count):
        self.events = events
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, key):
        return self.events[key]


def event_listing_queryset(with_documentation=False):
    """Live, public events for cards; with their documentation in one more query. The
    long texts cards do not show are left in the database."""
    events = public(EventPage.objects.live()).defer(*CARD_SKIPS)
    if with_documentation:
        events = events.prefetch_related(
            Prefetch(
                "documentation",
                queryset=EventDocument.objects.select_related("document")
                .defer("document__extracted_text")
                .order_by("sort_order"),
            )
        )
    return events


def overview_pages():
    """The live Ankündigungen and Rückblick pages by life (cached until content changes)."""
    return cached("conference-overview-pages", _overview_pages)


def _overview_pages():
    models_by_type = {
        content_type.pk: model
        for model, content_type in ContentType.objects.get_for_models(
            AnnouncementIndexPage, RetrospectiveIndexPage
        ).items()
    }
    pages = {}
    for page in (
        Page.objects.live()
        .filter(content_type__in=list(models_by_type))
        .order_by("path")
        .only("id", "title", "slug", "url_path", "path", "depth", "content_type")
    ):
        pages.setdefault(models_by_type[page.content_type_id].life, page)
    return pages


def announcements(request):
    """Upcoming events, soonest first."""
    events = event_listing_queryset().upcoming().order_by("start_date", "end_date", "pk")
    return {"page_obj": paginate(request, Counted(events, announcement_count()))}


def retrospectives(request):
    """Past events, newest first, with their documentation, filtered by ``jahr`` and
    ``art``."""
    events = event_listing_queryset(with_documentation=True).past()
    # The same cached years the page declared its variant with (no second query).
    form = RetrospectiveFilterForm(request.GET, years=retrospective_years())
    form.is_valid()
    filters = form.active_filters()
    if "jahr" in filters:
        events = events.filter(start_date__year=filters["jahr"])
    if "art" in filters:
        events = events.filter(event_kind=filters["art"])
    events = events.order_by("-start_date", "-end_date", "-pk")
    return {
        "page_obj": paginate(request, Counted(events, retrospective_count(filters))),
        "filter_form": form,
        "extra_query": form.query_string(),
    }


def event_tips(index, request):
    """The upcoming tips below ``index``, soonest first, as a page of the paginator."""
    tips = (
        public(EventTipPage.objects.child_of(index).live())
        .upcoming()
        .order_by("start_date", "end_date", "pk")
    )
    return paginate(request, tips)
