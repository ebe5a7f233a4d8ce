"""Factories for the conference app: the three sections, the events folder, events with
documentation, and event tips."""

from datetime import date, timedelta

import factory
import wagtail_factories

from conference.models import (
    AnnouncementIndexPage,
    EventDocument,
    EventFolderPage,
    EventKind,
    EventPage,
    EventTipIndexPage,
    EventTipPage,
    RetrospectiveIndexPage,
)
from tests.factories.documents import DocumentFactory
from tests.factories.home import PublishedPageMixin, start_page


class AnnouncementIndexPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "E&C Ankündigungen"
    slug = "ankuendigungen"
    show_in_menus = True
    intro = "Bevorstehende Veranstaltungen."
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = AnnouncementIndexPage


class RetrospectiveIndexPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "E&C Rückblick"
    slug = "rueckblick"
    show_in_menus = True
    intro = "Vergangene Veranstaltungen."
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = RetrospectiveIndexPage


class EventTipIndexPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Veranstaltungstipps"
    slug = "veranstaltungstipps"
    show_in_menus = True
    intro = "Veranstaltungen anderer Träger."
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = EventTipIndexPage


class EventFolderPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Veranstaltungen"
    slug = "veranstaltungen"
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = EventFolderPage


def event_folder():
    return EventFolderPage.objects.first() or EventFolderPageFactory()


class EventPageWithoutRevisionFactory(wagtail_factories.PageFactory):
    """A live event without revisions: fast enough for listings of a hundred events."""

    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    parent = factory.LazyFunction(event_folder)
    event_kind = EventKind.TARGET_GROUP_CONFERENCE
    target_group = "Quartiersmanager/innen"
    motto = "Die Soziale Stadt für Kinder und Jugendliche"
    start_date = date(2006, 4, 26)
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=1))
    city = "Berlin"
    summary = "Eine Zusammenfassung der Veranstaltung."
    announcement = "<p>Das Programm der Veranstaltung.</p>"
    registration_contact = "Anmeldung bei Frau Muster, Regiestelle"
    report = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Der Bericht über die Veranstaltung.</p>"}]
    )

    class Meta:
        model = EventPage


class EventPageFactory(PublishedPageMixin, EventPageWithoutRevisionFactory):
    """A published event (with a revision, as an editor would leave it)."""


class EventDocumentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    document = factory.SubFactory(DocumentFactory)
    label = ""
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = EventDocument


class EventTipPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Veranstaltungstipp {n}")
    slug = factory.Sequence(lambda n: f"tipp-{n}")
    parent = factory.LazyFunction(
        lambda: EventTipIndexPage.objects.first() or EventTipIndexPageFactory()
    )
    organiser = "Deutsches Jugendinstitut"
    external_url = "https://www.dji.de/"
    start_date = date(2006, 6, 1)
    city = "München"
    summary = "Ein Fachtag zur Jugendhilfe im Sozialraum."

    class Meta:
        model = EventTipPage
