"""The demo command's conference part: sections in menu order, the seed retrospective
with its documentation as a valid PDF, upcoming announcements and tips, idempotence."""

import io
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Page

from conference.models import EventDocument, EventPage, EventTipPage
from home.models import HomePage


def load_demo():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


class DemoTests(TestCase):
    """The demo is built once for the class; each test runs in its own transaction."""

    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_menu_order(self):
        menu = [page.title for page in HomePage.objects.get().get_children().live().in_menu()]
        assert menu[:5] == [
            "Basisinfo",
            "E&C Ankündigungen",
            "E&C Rückblick",
            "Veranstaltungstipps",
            "Gebietslisten",
        ]

    def test_seed_retrospective(self):
        event = EventPage.objects.get(slug="zielgruppenkonferenz-quartiersmanagement-2006")
        assert event.url == "/veranstaltungen/zielgruppenkonferenz-quartiersmanagement-2006/"
        assert event.date_line == "26. und 27. April 2006 in Berlin"
        assert event.participants_text == "über 120"
        response = self.client.get(event.url)
        html = response.content.decode()
        assert "Zielgruppenkonferenz der Quartiersmanager/innen: „Die Soziale Stadt" in html
        assert "zur Übersicht Rückblick" in html
        assert "Und nur so, lautet ein Fazit aus den Diskussionen" in html
        assert "Dokumentation herunterladen" in html

        (item,) = EventDocument.objects.filter(page=event)
        assert item.document.collection.name == "2006"
        assert item.document.collection.get_parent().name == "Dokumentationen"
        with item.document.file.open("rb") as handle:
            pdf = PdfReader(handle)
            assert len(pdf.pages) >= 4
            text = "".join(page.extract_text() for page in pdf.pages)
        assert "Quartiersentwicklung" in text

    def test_all_retrospectives_have_documentation(self):
        today = timezone.localdate()
        past = [event for event in EventPage.objects.all() if not event.is_upcoming(today)]
        assert len(past) == 5
        for event in past:
            assert event.documentation.exists(), event.title
        europe = EventPage.objects.get(slug="europaeische-fachkonferenz-2004")
        assert europe.date_line == "23. bis 25. November 2004 in Berlin"
        assert europe.participants_text == "mehr als 160"

    def test_announcements_and_tips_are_upcoming(self):
        response = self.client.get("/ankuendigungen/")
        assert response.content.decode().count('class="card event-card"') == 2
        response = self.client.get("/veranstaltungstipps/")
        assert response.content.decode().count('class="card event-card"') == 2
        home = self.client.get("/").content.decode()
        assert "Nächste Veranstaltungen" in home and "Zuletzt im Rückblick" in home

    def test_second_run_changes_nothing(self):
        before = (Page.objects.count(), EventDocument.objects.count())
        output = load_demo()
        assert "Veranstaltungen: 0 Seiten angelegt." in output
        assert (Page.objects.count(), EventDocument.objects.count()) == before

    def test_demo_dates_move_forward_when_they_have_passed(self):
        later = timezone.now() + timedelta(days=400)
        with time_machine.travel(later, tick=False):
            output = load_demo()
            today = timezone.localdate()
            assert "4 Demo-Termine in die Zukunft verschoben." in output
            upcoming = EventPage.objects.live().upcoming(today).count()
            assert upcoming == 2
            assert EventTipPage.objects.live().upcoming(today).count() == 2
