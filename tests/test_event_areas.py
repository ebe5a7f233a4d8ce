"""Event pages name related areas; an area page lists the events that name it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conference.models import EventArea
from tests.factories.areas import AreaPageFactory
from tests.factories.conference import EventPageFactory

pytestmark = pytest.mark.django_db


def name_areas(event, *areas):
    event.area_links = [EventArea(area=area, sort_order=n) for n, area in enumerate(areas)]
    event.save_revision().publish()


def test_area_page_lists_the_events_that_name_it(client, home_page):
    area = AreaPageFactory(title="Rollbergsiedlung")
    other = AreaPageFactory(title="Kottbusser Tor")
    event = EventPageFactory(title="Zielgruppenkonferenz 2006", city="Berlin")
    name_areas(event, area)

    html = client.get(area.url).content.decode()
    assert "Veranstaltungen mit diesem Gebiet" in html
    assert f'href="{event.url}"' in html and "26. und 27. April 2006 in Berlin" in html
    assert "Veranstaltungen mit diesem Gebiet" not in client.get(other.url).content.decode()

    event_html = client.get(event.url).content.decode()
    assert "Beteiligte E&amp;C-Gebiete" in event_html and f'href="{area.url}"' in event_html


def test_unpublished_events_and_areas_drop_out(client, home_page):
    area = AreaPageFactory(title="Soldiner Straße")
    hidden_area = AreaPageFactory(title="Verborgenes Gebiet")
    event = EventPageFactory(title="Fachforum")
    name_areas(event, area, hidden_area)
    hidden_area.unpublish()
    assert "Verborgenes Gebiet" not in client.get(event.url).content.decode()
    event.unpublish()
    assert "Veranstaltungen mit diesem Gebiet" not in client.get(area.url).content.decode()


def test_links_survive_the_editor(client, home_page):
    """The links live in the revision, so a later publish from the editor keeps them."""
    area = AreaPageFactory()
    event = EventPageFactory()
    name_areas(event, area)
    event.get_latest_revision_as_object().save_revision().publish()
    assert list(event.area_links.values_list("area_id", flat=True)) == [area.pk]


def test_area_page_query_count_does_not_grow_with_events(client, home_page):
    area = AreaPageFactory()

    def count():
        client.get(area.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(area.url).status_code == 200
        return len(queries)

    name_areas(EventPageFactory(), area)
    few = count()
    for _ in range(15):
        name_areas(EventPageFactory(), area)
    assert count() == few <= 10


def test_reference_index_sees_the_event_documentation(home_page):
    """Editors see under „Verwendung“ which events use a document."""
    from wagtail.models import ReferenceIndex

    from conference.models import EventDocument
    from tests.factories.documents import DocumentFactory

    document = DocumentFactory(title="Dokumentation der Bilanzkonferenz")
    event = EventPageFactory(title="Bilanzkonferenz")
    event.documentation = [EventDocument(document=document, label="Dokumentation")]
    event.save_revision().publish()
    usages = ReferenceIndex.get_references_to(document).group_by_source_object()
    assert [source.pk for source, _references in usages] == [event.pk]
