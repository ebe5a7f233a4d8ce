"""Every public page type answers in at most 10 SQL queries (warm shared caches), and
the number does not grow when the site holds much more content."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from conference.models import EventArea, EventDocument
from tests.factories.areas import AreaPageFactory
from tests.factories.conference import EventPageWithoutRevisionFactory
from tests.factories.documents import DocumentFactory
from tests.factories.home import SectionPageFactory

pytestmark = pytest.mark.django_db

BUDGET = 10
# Listings with filters and sub-routes, held to the same budget.
EXTRA_PAGE_URLS = [
    "/rueckblick/?jahr=2006&art=zielgruppenkonferenz",
    "/rueckblick/?page=2",
    "/gebietslisten/berlin/",
    "/gebietslisten/?programm=los&q=Berlin",
]
# Not pages: their counts must not grow either, but they do more by nature (the sitemap
# loads every page type it lists). The search page has its own tests.
FLAT_URLS = ["/feeds/veranstaltungen.rss", "/kalender/veranstaltungen.ics", "/sitemap.xml"]


def one_url_per_page_type():
    urls = {}
    for page in Page.objects.live().public().specific().order_by("-depth", "path"):
        if page.url:  # pages outside the site tree have none
            urls.setdefault(type(page).__name__, page.url)
    return urls


def measure(client, urls):
    counts = {}
    for url in urls:
        client.get(url)  # warm the shared caches (site, navigation, footer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def add_volume():
    home = Page.objects.get(depth=2)
    for n in range(40):
        SectionPageFactory(title=f"Zusatzseite {n}", slug=f"zusatz-{n}", parent=home)
    documents = [DocumentFactory() for _ in range(10)]
    areas = [AreaPageFactory(title=f"Zusatzgebiet {n}") for n in range(40)]
    for n in range(60):
        event = EventPageWithoutRevisionFactory(title=f"Zusatzveranstaltung {n}")
        EventDocument.objects.bulk_create(
            EventDocument(page=event, document=document, sort_order=i)
            for i, document in enumerate(documents)
        )
        EventArea.objects.create(page=event, area=areas[n % len(areas)])


def test_every_page_type_stays_within_the_budget_at_two_volumes(client):
    call_command("load_demo_content", stdout=StringIO())
    by_type = one_url_per_page_type()
    expected_types = {
        "HomePage",
        "SectionPage",
        "EventPage",
        "EventFolderPage",
        "AnnouncementIndexPage",
        "RetrospectiveIndexPage",
        "EventTipIndexPage",
        "EventTipPage",
        "AreaIndexPage",
        "AreaPage",
        "DocumentListPage",
        "NewsletterIndexPage",
    }
    assert expected_types <= set(by_type), set(by_type)
    pages = [*by_type.values(), *EXTRA_PAGE_URLS]

    small = measure(client, [*pages, *FLAT_URLS])
    add_volume()
    large = measure(client, [*pages, *FLAT_URLS])

    assert small == large
    over = {url: large[url] for url in pages if large[url] > BUDGET}
    assert not over, over
