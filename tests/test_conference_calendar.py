"""iCalendar downloads, the subscribable calendar and the RSS/Atom feed: they parse and
say the right things."""

import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import time_machine
from django.test import TestCase
from django.urls import resolve
from wagtail.models import PageViewRestriction

from conference.models import EventFolderPage
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    EventPageFactory,
    EventTipPageFactory,
    RetrospectiveIndexPageFactory,
)

NOW = "2006-05-01 12:00 +02:00"
BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"
HEADING = "Zielgruppenkonferenz der Quartiersmanager/innen"


def events_of(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


@time_machine.travel(NOW, tick=False)
class PageCalendarTests(TestCase):
    def setUp(self):
        self.event = EventPageFactory(
            title="Zielgruppenkonferenz", start_date=date(2006, 4, 26), venue="Rathaus"
        )

    def get(self, page):
        response = self.client.get(f"/kalender/{page.pk}.ics")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        return response

    def test_all_day_event(self):
        response = self.get(self.event)
        self.assertIn(f'filename="{self.event.slug}.ics"', response["Content-Disposition"])
        calendar, (event,) = events_of(response)
        self.assertEqual(str(calendar["version"]), "2.0")
        self.assertEqual(str(event["uid"]), f"event-{self.event.pk}@localhost")
        self.assertEqual(event.decoded("dtstart"), date(2006, 4, 26))
        # All-day: DTEND is the day after the last day, as dates, not datetimes.
        self.assertEqual(event.decoded("dtend"), date(2006, 4, 28))
        self.assertNotIsInstance(event.decoded("dtstart"), datetime)
        self.assertEqual(str(event["location"]), "Berlin, Rathaus")
        self.assertIn("Zielgruppenkonferenz der Quartiersmanager/innen", str(event["summary"]))
        self.assertEqual(str(event["url"]), f"http://localhost{self.event.url}")

    def test_file_name_with_umlauts(self):
        self.event.slug = "fachtagung-köln-2006"
        self.event.save_revision().publish()
        response = self.get(self.event)
        self.assertEqual(
            response["Content-Disposition"],
            "attachment; filename*=utf-8''fachtagung-k%C3%B6ln-2006.ics",
        )

    def test_timed_event_in_berlin_time(self):
        self.event.start_time = time(10, 0)
        self.event.end_time = time(16, 30)
        self.event.save_revision().publish()
        calendar, (event,) = events_of(self.get(self.event))
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        self.assertEqual(start, datetime(2006, 4, 26, 10, 0, tzinfo=BERLIN))
        self.assertEqual(end, datetime(2006, 4, 27, 16, 30, tzinfo=BERLIN))
        self.assertEqual(str(event["dtstart"].params["TZID"]), "Europe/Berlin")
        self.assertEqual([str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")], ["Europe/Berlin"])

    def test_uid_is_stable(self):
        first = events_of(self.get(self.event))[1][0]["uid"]
        self.event.title = "Umbenannt"
        self.event.slug = "umbenannt"
        self.event.save_revision().publish()
        self.assertEqual(events_of(self.get(self.event))[1][0]["uid"], first)
        response = self.client.get(f"/kalender/{self.event.pk}.ics", HTTP_HOST="127.0.0.1")
        self.assertEqual(events_of(response)[1][0]["uid"], first)

    def test_event_tip(self):
        tip = EventTipPageFactory(start_date=date(2006, 6, 1), end_date=date(2006, 6, 2))
        _, (event,) = events_of(self.get(tip))
        self.assertEqual(str(event["uid"]), f"tipp-{tip.pk}@localhost")
        self.assertEqual(event.decoded("dtend"), date(2006, 6, 3))
        self.assertIn("Veranstalter: Deutsches Jugendinstitut", str(event["description"]))

    def test_only_live_public_events_and_tips(self):
        self.assertEqual(
            self.client.get(f"/kalender/{self.event.get_parent().pk}.ics").status_code, 404
        )
        self.assertEqual(self.client.get("/kalender/999999.ics").status_code, 404)
        self.assertEqual(self.client.post(f"/kalender/{self.event.pk}.ics").status_code, 405)
        with self.captureOnCommitCallbacks(execute=True):  # committed, as in production
            PageViewRestriction.objects.create(
                page=EventFolderPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
            )
        self.assertEqual(self.client.get(f"/kalender/{self.event.pk}.ics").status_code, 404)
        self.event.unpublish()
        self.assertEqual(self.client.get(f"/kalender/{self.event.pk}.ics").status_code, 404)

    def test_announcement_links_to_its_calendar_a_retrospective_does_not(self):
        upcoming = EventPageFactory(start_date=date(2006, 5, 10))
        response = self.client.get(upcoming.url)
        self.assertContains(response, f'href="/kalender/{upcoming.pk}.ics"')
        response = self.client.get(self.event.url)  # 26 April 2006: a Rückblick
        self.assertNotContains(response, f'href="/kalender/{self.event.pk}.ics"')


@time_machine.travel(NOW, tick=False)
class UpcomingCalendarTests(TestCase):
    def test_lists_upcoming_events_and_tips_only(self):
        soon = EventPageFactory(start_date=date(2006, 5, 10))
        running = EventPageFactory(start_date=date(2006, 4, 30))  # ends 1 May: still on
        EventPageFactory(start_date=date(2006, 4, 1))
        tip = EventTipPageFactory(start_date=date(2006, 5, 5))
        EventTipPageFactory(start_date=date(2006, 4, 5))
        response = self.client.get("/kalender/veranstaltungen.ics")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Disposition", response)
        calendar, events = events_of(response)
        self.assertEqual(str(calendar["x-wr-calname"]), "E&C Veranstaltungen")
        self.assertEqual(
            [str(event["uid"]) for event in events],
            [
                f"event-{running.pk}@localhost",
                f"tipp-{tip.pk}@localhost",
                f"event-{soon.pk}@localhost",
            ],
        )


@time_machine.travel(NOW, tick=False)
class FeedTests(TestCase):
    def setUp(self):
        AnnouncementIndexPageFactory()
        RetrospectiveIndexPageFactory()
        self.past = EventPageFactory(start_date=date(2006, 4, 26), motto="Rückblick-Motto")
        self.coming = EventPageFactory(start_date=date(2006, 9, 25), motto="Ankündigungs-Motto")
        self.coming.last_published_at += timedelta(seconds=1)
        self.coming.save(update_fields=["last_published_at"])

    def test_rss(self):
        self.assertEqual(self.past.heading, f"{HEADING}: „Rückblick-Motto“")
        response = self.client.get("/feeds/veranstaltungen.rss")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        channel = ET.fromstring(response.content).find("channel")
        self.assertEqual(channel.findtext("language"), "de")
        items = channel.findall("item")
        self.assertEqual(
            [item.findtext("title") for item in items],
            [
                f"Ankündigung: {self.coming.heading}",
                f"Rückblick: {self.past.heading}",
            ],
        )
        self.assertEqual(items[1].findtext("link"), self.past.full_url)
        self.assertIn("26. und 27. April 2006 in Berlin", items[1].findtext("description"))
        self.assertEqual(
            [c.text for c in items[1].findall("category")], ["Rückblick", "Zielgruppenkonferenz"]
        )

    def test_atom(self):
        response = self.client.get("/feeds/veranstaltungen.atom")
        self.assertEqual(response.status_code, 200)
        feed = ET.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual(len(entries), 2)
        self.assertTrue(entries[0].findtext(f"{ATOM}title").startswith("Ankündigung: "))
        self.assertEqual(entries[1].find(f"{ATOM}link").get("href"), self.past.full_url)

    def test_serving_leaves_the_shared_feed_instance_unchanged(self):
        # Django serves every request with the one instance in the URLconf: anything a
        # request leaves on it is read by the requests that run at the same time.
        for url in ("/feeds/veranstaltungen.rss", "/feeds/veranstaltungen.atom"):
            feed = resolve(url).func
            before = dict(vars(feed))
            self.assertEqual(self.client.get(url).status_code, 200)
            self.assertEqual(vars(feed), before)

    def test_private_events_stay_out_of_the_feed(self):
        PageViewRestriction.objects.create(
            page=EventFolderPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
        )
        response = self.client.get("/feeds/veranstaltungen.rss")
        self.assertEqual(ET.fromstring(response.content).find("channel").findall("item"), [])

    def test_every_page_advertises_the_feeds(self):
        for url in ("/", self.past.url, "/rueckblick/"):
            response = self.client.get(url)
            self.assertContains(
                response,
                '<link rel="alternate" type="application/rss+xml" '
                'title="E&amp;C – Ankündigungen und Rückblicke (RSS)" '
                'href="/feeds/veranstaltungen.rss">',
            )
            self.assertContains(response, 'type="application/atom+xml"')


@time_machine.travel(NOW, tick=False)
class FeedRulesTests(TestCase):
    """RSS 2.0 and RFC 4287 to the letter: an author, a self link, escaped HTML with the
    date line as its own paragraph, ids that survive a new address."""

    def setUp(self):
        AnnouncementIndexPageFactory()
        RetrospectiveIndexPageFactory()
        self.event = EventPageFactory(
            start_date=date(2006, 4, 26),
            motto="Brücken bauen",
            listing_summary="E&C <b>vor Ort</b>",
        )

    def test_atom_has_an_author_a_self_link_and_escaped_html(self):
        response = self.client.get("/feeds/veranstaltungen.atom")
        feed = ET.fromstring(response.content)
        self.assertEqual(feed.findtext(f"{ATOM}author/{ATOM}name"), "Regiestelle E&C")
        self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        self.assertEqual(self_link[0].get("href"), "http://localhost/feeds/veranstaltungen.atom")
        summary = feed.find(f"{ATOM}entry/{ATOM}summary")
        self.assertEqual(summary.get("type"), "html")
        self.assertEqual(
            summary.text,
            "<p>26. und 27. April 2006 in Berlin</p><p>E&amp;C &lt;b&gt;vor Ort&lt;/b&gt;</p>",
        )

    def test_rss_has_a_self_link_and_stable_guids(self):
        first = ET.fromstring(self.client.get("/feeds/veranstaltungen.rss").content)
        atom_self = first.find("channel/{http://www.w3.org/2005/Atom}link")
        self.assertEqual(atom_self.get("rel"), "self")
        guid = first.find("channel/item/guid")
        self.assertEqual(guid.get("isPermaLink"), "false")
        self.assertEqual(guid.text, f"tag:localhost,2006:veranstaltung-{self.event.pk}")
        self.event.slug = "neue-adresse"
        self.event.save_revision().publish()
        again = ET.fromstring(self.client.get("/feeds/veranstaltungen.rss").content)
        self.assertEqual(again.findtext("channel/item/guid"), guid.text)
        self.assertIn("neue-adresse", again.findtext("channel/item/link"))

    def test_the_publisher_of_the_imprint_is_the_author(self):
        from wagtail.models import Site

        from legal.models import ImprintSettings

        site = Site.objects.get(is_default_site=True)
        ImprintSettings.objects.update_or_create(
            site=site,
            defaults={"publisher": "Stiftung SPI", "address": "Berlin", "email": "a@example.org"},
        )
        feed = ET.fromstring(self.client.get("/feeds/veranstaltungen.atom").content)
        self.assertEqual(feed.findtext(f"{ATOM}author/{ATOM}name"), "Stiftung SPI")


@time_machine.travel(NOW, tick=False)
class OneSiteAddressTests(TestCase):
    """Feeds, calendar and canonical links name the address of the Wagtail site record,
    whatever host the request came in on, and follow it when it changes."""

    def setUp(self):
        AnnouncementIndexPageFactory()
        RetrospectiveIndexPageFactory()
        self.event = EventPageFactory(start_date=date(2006, 4, 26))

    def addresses(self):
        rss = ET.fromstring(self.client.get("/feeds/veranstaltungen.rss").content)
        page = self.client.get(self.event.url).content.decode()
        calendar = self.client.get(f"/kalender/{self.event.pk}.ics")
        event = icalendar.Calendar.from_ical(calendar.content).walk("VEVENT")[0]
        return {
            "feed": rss.findtext("channel/link"),
            "item": rss.findtext("channel/item/link"),
            "canonical": page.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0],
            "calendar": str(event.get("url")),
            "uid": str(event.get("uid")),
        }

    def test_every_address_follows_the_site_record(self):
        from wagtail.models import Site

        found = self.addresses()
        self.assertEqual(found["feed"], "http://localhost/")
        for name in ("item", "canonical", "calendar"):
            self.assertTrue(found[name].startswith("http://localhost/veranstaltungen/"), name)
        self.assertTrue(found["uid"].endswith("@localhost"))

        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "www.example.org", 443
        with self.captureOnCommitCallbacks(execute=True):  # committed, as the admin saves it
            site.save()
        found = self.addresses()
        self.assertEqual(found["feed"], "https://www.example.org/")
        for name in ("item", "canonical", "calendar"):
            self.assertTrue(found[name].startswith("https://www.example.org/"), name)
        self.assertTrue(found["uid"].endswith("@www.example.org"))
