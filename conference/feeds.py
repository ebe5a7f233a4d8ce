"""RSS and Atom feed of the programme's events: announcements and retrospectives."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import EventPage

FEED_LENGTH = 20


class EventFeed(Feed):
    title = "E&C – Ankündigungen und Rückblicke"
    description = (
        "Konferenzen, Fachforen und Werkstattgespräche der Programmplattform E&C: "
        "Ankündigungen und Rückblicke mit Dokumentationen."
    )
    language = "de"

    def get_object(self, request, *args, **kwargs):
        # Django serves every request with this one instance: the request travels as the
        # feed's object, never as an attribute, so parallel requests cannot mix.
        return request

    def link(self):
        return "/"

    def items(self, request):
        events = list(
            EventPage.objects.live().public().order_by("-last_published_at", "-pk")[:FEED_LENGTH]
        )
        for event in events:
            event.feed_link = event.get_url(request)
        return events

    def item_title(self, item):
        return f"{item.get_type_label()}: {item.heading}"

    def item_description(self, item):
        parts = [item.date_line, item.get_summary()]
        return "\n\n".join(part for part in parts if part)

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_type_label(), item.get_event_kind_display()]


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description
