"""Ankündigungen, Rückblick, Veranstaltungstipps and the start page: order, grouping,
filters, pagination, bad query parameters, and query counts that do not grow."""

from datetime import date, timedelta

import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from conference.models import EventDocument, EventKind
from ec_site.content_version import renew_content_version
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    DocumentFactory,
    EventDocumentFactory,
    EventFolderPageFactory,
    EventPageFactory,
    EventPageWithoutRevisionFactory,
    EventTipIndexPageFactory,
    EventTipPageFactory,
    RetrospectiveIndexPageFactory,
)

TODAY = date(2006, 5, 1)
NOW = "2006-05-01 12:00 +02:00"


def event(**fields):
    """An event whose heading is its title (no target group, no motto)."""
    return EventPageFactory(**{"target_group": "", "motto": "", **fields})


def make_sections():
    return (
        AnnouncementIndexPageFactory(),
        RetrospectiveIndexPageFactory(),
        EventTipIndexPageFactory(),
        EventFolderPageFactory(),
    )


@time_machine.travel(NOW, tick=False)
class RetrospectiveListingTests(TestCase):
    def setUp(self):
        make_sections()
        self.forum = event(
            title="Fachforum 2004",
            event_kind=EventKind.FORUM,
            start_date=date(2004, 1, 26),
            end_date=date(2004, 1, 27),
        )
        self.european = event(
            title="Europa-Konferenz 2004",
            event_kind=EventKind.EUROPEAN_CONFERENCE,
            target_group="",
            motto="",
            start_date=date(2004, 11, 23),
            end_date=date(2004, 11, 25),
        )
        self.quarter = event(
            title="Zielgruppenkonferenz 2006",
            target_group="",
            motto="",
            start_date=date(2006, 4, 26),
            end_date=date(2006, 4, 27),
        )
        self.upcoming = event(
            title="Abschlusskonferenz 2006",
            target_group="",
            motto="",
            start_date=date(2006, 9, 25),
            end_date=date(2006, 9, 26),
        )
        EventDocumentFactory(
            page=self.quarter,
            label="Dokumentation herunterladen",
            document=DocumentFactory(title="Dokumentation 2006"),
        )

    def get(self, query=""):
        response = self.client.get(f"/rueckblick/{query}")
        self.assertEqual(response.status_code, 200)
        return response

    def test_newest_first_grouped_by_year_with_documentation(self):
        html = self.get().content.decode()
        positions = [
            html.index(text)
            for text in (
                '<h2 id="jahr-2006">2006</h2>',
                "Zielgruppenkonferenz 2006",
                '<h2 id="jahr-2004">2004</h2>',
                "Europa-Konferenz 2004",
                "Fachforum 2004",
            )
        ]
        self.assertEqual(positions, sorted(positions))
        self.assertNotIn("Abschlusskonferenz 2006", html)
        self.assertIn("26. und 27. April 2006 in Berlin", html)
        self.assertIn("23. bis 25. November 2004 in Berlin", html)
        self.assertIn("Dokumentation herunterladen", html)
        self.assertRegex(html, r"\(PDF, [0-9,]+\xa0KB, 2 Seiten\)")

    def test_filter_by_year_and_kind(self):
        response = self.get("?jahr=2004")
        self.assertContains(response, "Fachforum 2004")
        self.assertContains(response, "Europa-Konferenz 2004")
        self.assertNotContains(response, "Zielgruppenkonferenz 2006")

        response = self.get("?jahr=2004&art=fachforum")
        self.assertContains(response, "Fachforum 2004")
        self.assertNotContains(response, "Europa-Konferenz 2004")

        response = self.get("?art=zielgruppenkonferenz")
        self.assertContains(response, "Zielgruppenkonferenz 2006")
        self.assertNotContains(response, "Fachforum 2004")

        response = self.get("?jahr=2005")
        self.assertContains(response, "Für dieses Jahr gibt es keinen Rückblick.")

        response = self.get("?jahr=2006&art=auftaktveranstaltung")
        self.assertContains(response, "Keine Rückblicke für diese Auswahl.")

    def test_bad_query_parameters_give_german_messages_not_errors(self):
        for query in (
            "?jahr=abc",
            "?jahr=99999999999999999999",
            "?jahr=2004.5",
            "?art=%00",
            "?art=<script>",
            "?page=abc",
            "?page=-1",
            "?page=0",
            "?page=99999999999999999999",
            "?jahr=&art=&page=",
            "?jahr=2004&jahr=abc",
        ):
            with self.subTest(query=query):
                response = self.get(query)
                self.assertContains(response, "Fachforum 2004")
        self.assertContains(self.get("?jahr=abc"), "Für dieses Jahr gibt es keinen Rückblick.")
        self.assertContains(self.get("?art=foo"), "Diese Veranstaltungsart gibt es nicht.")
        # The invalid value is reported at its field and does not leak into page links.
        response = self.get("?jahr=abc&art=fachforum")
        self.assertContains(response, 'id="id_jahr_error"')
        self.assertNotContains(response, "<script>")

    def test_pagination_keeps_the_filters(self):
        EventPageWithoutRevisionFactory.create_batch(
            11, event_kind=EventKind.FORUM, start_date=date(2005, 3, 1), end_date=None
        )
        response = self.get("?art=fachforum")
        self.assertContains(response, "Seite 1 von 2")
        self.assertContains(response, 'href="?art=fachforum&amp;page=2"')
        response = self.get("?art=fachforum&page=2")
        self.assertContains(response, "Seite 2 von 2")
        self.assertContains(response, "Fachforum 2004")  # the oldest comes last
        # The first page has one address, without page=1 (as the caches keep it).
        self.assertContains(response, 'href="?art=fachforum" rel="prev"')
        # Beyond the last page: the last page.
        self.assertContains(self.get("?art=fachforum&page=50"), "Seite 2 von 2")


@time_machine.travel(NOW, tick=False)
class AnnouncementAndTipListingTests(TestCase):
    def setUp(self):
        make_sections()
        event(title="Später", start_date=TODAY + timedelta(days=60), end_date=None)
        event(title="Bald", start_date=TODAY + timedelta(days=10), end_date=None)
        event(
            title="Läuft noch",
            start_date=TODAY - timedelta(days=1),
            end_date=TODAY,
        )
        event(title="Vorbei", start_date=TODAY - timedelta(days=1), end_date=None)

    def test_soonest_first_only_upcoming(self):
        response = self.client.get("/ankuendigungen/")
        html = response.content.decode()
        positions = [html.index(title) for title in ("Läuft noch", "Bald", "Später")]
        self.assertEqual(positions, sorted(positions))
        self.assertNotIn("Vorbei", html)
        self.assertContains(response, "/kalender/veranstaltungen.ics")
        self.assertContains(self.client.get("/ankuendigungen/?page=abc"), "Bald")

    def test_tips_show_upcoming_only_and_drop_off_by_themselves(self):
        EventTipPageFactory(title="Tipp morgen", start_date=TODAY + timedelta(days=1))
        EventTipPageFactory(title="Tipp gestern", start_date=TODAY - timedelta(days=1))
        response = self.client.get("/veranstaltungstipps/")
        self.assertContains(response, "Tipp morgen")
        self.assertContains(response, "Deutsches Jugendinstitut")
        self.assertNotContains(response, "Tipp gestern")
        with time_machine.travel(TODAY + timedelta(days=2), tick=False):
            response = self.client.get("/veranstaltungstipps/")
        self.assertNotContains(response, "Tipp morgen")
        self.assertContains(response, "Zurzeit gibt es keine Veranstaltungstipps.")

    def test_start_page_shows_next_three_and_latest_three(self):
        for days in (20, 30, 40):
            event(title=f"Künftig {days}", start_date=TODAY + timedelta(days=days))
        for year in (2001, 2002, 2003):
            event(title=f"Rückblick {year}", start_date=date(year, 6, 1))
        html = self.client.get("/").content.decode()
        for title in (
            "Läuft noch",
            "Bald",
            "Künftig 20",
            "Vorbei",
            "Rückblick 2003",
            "Rückblick 2002",
        ):
            self.assertIn(title, html)
        for title in ("Künftig 30", "Künftig 40", "Später", "Rückblick 2001"):
            self.assertNotIn(title, html)
        self.assertIn('href="/ankuendigungen/">Alle Ankündigungen', html)
        self.assertIn('href="/rueckblick/">Alle Rückblicke', html)


@time_machine.travel(NOW, tick=False)
class QueryCountTests(TestCase):
    """Every public page of the app costs the same number of queries with 5 or 100 events
    and with 1 or 10 documents per documentation."""

    # The site shell (site, menus, breadcrumbs, footer) comes from the cache when warm;
    # the Rückblick costs the most: routing, its years, count, events and documentation.
    MAX_QUERIES = 10

    def setUp(self):
        make_sections()
        self.documents = [DocumentFactory() for _ in range(10)]
        self.event = event(title="Die gemessene Veranstaltung")
        self.add_events(5)

    def add_events(self, count):
        """``count`` past and ``count`` upcoming events and ``count`` upcoming tips."""
        for index in range(count):
            EventPageWithoutRevisionFactory(start_date=date(2004 + index % 3, 3, 1), end_date=None)
            EventPageWithoutRevisionFactory(start_date=TODAY + timedelta(days=index + 1))
        self.add_tips(count)

    def add_tips(self, count):
        from conference.models import EventTipIndexPage, EventTipPage

        parent = EventTipIndexPage.objects.get()
        for index in range(count):
            parent.add_child(
                instance=EventTipPage(
                    title=f"Tipp {index}",
                    slug=f"tipp-{EventTipPage.objects.count()}",
                    organiser="DJI",
                    start_date=TODAY + timedelta(days=index + 1),
                    city="München",
                    summary="Ein Tipp.",
                )
            )

    def give_documents(self, per_event):
        from conference.models import EventPage

        EventDocument.objects.all().delete()
        EventDocument.objects.bulk_create(
            EventDocument(page=event, document=document, sort_order=order)
            for event in EventPage.objects.all()
            for order, document in enumerate(self.documents[:per_event])
        )

    def urls(self):
        return [
            "/",
            "/ankuendigungen/",
            "/rueckblick/",
            "/rueckblick/?jahr=2005&art=zielgruppenkonferenz",
            "/veranstaltungstipps/",
            "/veranstaltungen/",
            self.event.url,
            "/feeds/veranstaltungen.rss",
            "/feeds/veranstaltungen.atom",
            "/kalender/veranstaltungen.ics",
            f"/kalender/{self.event.pk}.ics",
        ]

    def count_queries(self):
        counts = {}
        for url in self.urls():
            self.client.get(url)  # warm the per-process caches (content types, sites)
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            counts[url] = len(queries)
        return counts

    def test_query_counts_do_not_grow(self):
        self.give_documents(1)
        small = self.count_queries()
        with self.captureOnCommitCallbacks(execute=True):  # committed, as in production
            self.add_events(95)
            self.give_documents(10)
            renew_content_version()  # what publishing them would do (they are added live)
        large = self.count_queries()
        self.assertEqual(small, large)
        for url, count in large.items():
            self.assertLessEqual(count, self.MAX_QUERIES, f"{url}: {large}")
        # The large listings really show many events and documents.
        response = self.client.get("/rueckblick/")
        self.assertContains(response, "Seite 1 von 11")
        self.assertContains(response, 'class="download__link"', count=100)
