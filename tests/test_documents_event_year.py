"""A documentation without a year of its own is listed under its event's year; the demo
gives its documents year, publisher and description (issue 16)."""

from datetime import date
from io import StringIO

import pytest

from conference import demo as conference_demo
from documents.demo import documentation_collection, ensure_collection
from tests.factories.conference import EventDocumentFactory, EventPageFactory
from tests.factories.documents import DocumentFactory, DocumentListPageFactory

pytestmark = pytest.mark.django_db


def test_documentation_without_year_takes_the_events_year(client):
    list_page = DocumentListPageFactory()
    event = EventPageFactory(start_date=date(2005, 5, 3))
    EventDocumentFactory(
        page=event,
        document=DocumentFactory(title="Doku Fachforum", collection=documentation_collection(2005)),
    )
    DocumentFactory(title="Doku ohne Jahr", collection=ensure_collection("Dokumentationen"))
    html = client.get(list_page.url).content.decode()
    assert html.index(">2005</h2>") < html.index("Doku Fachforum") < html.index("Ohne Jahres")
    assert html.index("Ohne Jahresangabe") < html.index("Doku ohne Jahr")
    filtered = client.get(list_page.url, {"jahr": "2005"}).content.decode()
    assert "Doku Fachforum" in filtered and "Doku ohne Jahr" not in filtered


def test_own_year_wins_over_the_events(client):
    list_page = DocumentListPageFactory()
    event = EventPageFactory(start_date=date(2005, 5, 3))
    EventDocumentFactory(
        page=event,
        document=DocumentFactory(
            title="Nachbericht", year=2007, collection=documentation_collection(2007)
        ),
    )
    html = client.get(list_page.url).content.decode()
    assert html.index(">2007</h2>") < html.index("Nachbericht")
    assert ">2005</h2>" not in html


def test_demo_documentation_has_year_publisher_and_description(home_page):
    conference_demo.build(StringIO())
    conference_demo.build(StringIO())
    event = conference_demo.EventPage.objects.filter(documentation__isnull=False).first()
    document = event.documentation.first().document
    assert document.year == event.start_date.year
    assert document.publisher == "Regiestelle E&C der Stiftung SPI"
    assert event.heading in document.description


def test_demo_fills_in_facts_of_earlier_demo_documents_only_where_empty(home_page):
    conference_demo.build(StringIO())
    events = list(conference_demo.EventPage.objects.filter(documentation__isnull=False))
    earlier = events[0].documentation.first().document
    earlier.year, earlier.publisher, earlier.description = None, "", ""
    earlier.save()
    edited = events[1].documentation.first().document
    edited.year, edited.publisher, edited.description = None, "", "Von der Redaktion."
    edited.save()
    conference_demo.build(StringIO())
    earlier.refresh_from_db()
    edited.refresh_from_db()
    assert earlier.year == events[0].start_date.year
    assert (edited.year, edited.description) == (None, "Von der Redaktion.")
