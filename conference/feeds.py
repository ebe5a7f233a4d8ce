"""RSS and Atom feed of the programme's events: announcements and retrospectives."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html_join
from wagtail.models import Site

from home.privacy import public

from .models import EventPage

FEED_LENGTH = 20
# Who writes the feed when the Impressum settings name no publisher (RFC 4287 needs an
# author on the feed or on every entry).
DEFAULT_AUTHOR = "Regiestelle E&C"


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

    # Every address in the feed comes from the Wagtail site record (Einstellungen →
    # Websites), as the canonical links, the sitemap and the calendar do.
    def link(self, request):
        return Site.find_for_request(request).root_url + "/"

    def feed_url(self, request):
        # ``<atom:link rel="self">`` in both formats.
        return Site.find_for_request(request).root_url + request.path

    def author_name(self, request):
        from legal.models import ImprintSettings

        settings = ImprintSettings.for_request(request)
        return settings.publisher or DEFAULT_AUTHOR

    def items(self, request):
        events = list(
            public(EventPage.objects.live()).order_by("-last_published_at", "-pk")[:FEED_LENGTH]
        )
        hostname = Site.find_for_request(request).hostname
        for event in events:
            event.feed_link = event.get_full_url(request)
            # A tag URI (RFC 4151): stable whatever becomes of the address (a new slug).
            event.feed_guid = f"tag:{hostname},2006:veranstaltung-{event.pk}"
        return events

    def item_title(self, item):
        return f"{item.get_type_label()}: {item.heading}"

    def item_description(self, item):
        """HTML, as both formats expect there: the date line and the summary as paragraphs
        of their own, every text escaped („E&C“ arrives as „E&amp;C“)."""
        parts = [item.date_line, item.get_summary()]
        return format_html_join("", "<p>{}</p>", ((part,) for part in parts if part))

    def item_guid(self, item):
        return item.feed_guid

    item_guid_is_permalink = False

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
