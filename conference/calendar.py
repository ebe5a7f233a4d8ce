"""iCalendar (RFC 5545) for events and event tips, built with the ``icalendar`` library."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

BERLIN = ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//Regiestelle E&C//Website E&C//DE"


def event_times(page):
    """``(start, end)``: dates for an all-day event (``end`` exclusive, as iCalendar wants
    it), Berlin datetimes when the page has a start time."""
    last_day = page.end_date or page.start_date
    if page.start_time is None:
        return page.start_date, last_day + timedelta(days=1)
    start = datetime.combine(page.start_date, page.start_time, tzinfo=BERLIN)
    if page.end_time is not None:
        end = datetime.combine(last_day, page.end_time, tzinfo=BERLIN)
    else:
        # No end time: the event lasts until the end of its last day.
        end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=BERLIN)
    return start, max(start, end)


def calendar_host(request):
    """The host part of UIDs: the site's hostname, so UIDs do not depend on how the
    calendar was requested."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def calendar_event(page, request):
    start, end = event_times(page)
    event = icalendar.Event()
    event.add("uid", f"{page.calendar_uid_prefix}-{page.pk}@{calendar_host(request)}")
    event.add("dtstamp", page.last_published_at or timezone.now())
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    event.add("summary", page.calendar_title)
    event.add("dtstart", start)
    event.add("dtend", end)
    if page.place:
        event.add("location", page.place)
    description = page.calendar_description()
    if description:
        event.add("description", description)
    url = page.get_full_url(request)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(pages, request, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for page in pages:
        calendar.add_component(calendar_event(page, request))
    if pages:
        # Only the daylight-saving rules of the years the events fall in.
        first = min(page.start_date for page in pages)
        last = max(page.last_day for page in pages)
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 1, 12, 31)
        )
    return calendar.to_ical()
