"""Calendar downloads: one event or tip, and the subscribable calendar of what is ahead."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from wagtail.models import Page

from home.privacy import public

from .calendar import build_calendar
from .models import EventPage, EventTipPage

CALENDAR_NAME = "E&C Veranstaltungen"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@require_GET
def page_calendar(request, page_id):
    """``/kalender/<id>.ics``: one live, public event or event tip."""
    page = (
        public(Page.objects.live())
        .type(EventPage, EventTipPage)
        .filter(pk=page_id)
        .specific()
        .first()
    )
    if page is None:
        raise Http404("Keine Veranstaltung unter dieser Nummer.")
    response = HttpResponse(
        build_calendar([page], request, CALENDAR_NAME), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{page.slug}.ics")
    return response


@require_GET
def upcoming_calendar(request):
    """``/kalender/veranstaltungen.ics``: every upcoming event and tip, to subscribe to."""
    events = public(EventPage.objects.live()).upcoming().order_by("start_date", "pk")
    tips = public(EventTipPage.objects.live()).upcoming().order_by("start_date", "pk")
    pages = sorted([*events, *tips], key=lambda page: (page.start_date, page.pk))
    response = HttpResponse(
        build_calendar(pages, request, CALENDAR_NAME), content_type=CONTENT_TYPE
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
