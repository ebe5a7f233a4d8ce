"""What an event page shows in each of its lives (issue 16): the calendar link only before
the event, the participant count labelled for what it is, the registration e-mail as a
mail link."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories.conference import EventPageFactory, EventTipPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def future(days=30):
    return timezone.localdate() + timedelta(days=days)


def facts(page):
    dl = page.find("dl", class_="event-facts")
    return {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in dl.find_all("dt")}


def test_retrospective_has_no_calendar_link(client):
    event = EventPageFactory()
    page = soup(client.get(event.url))
    assert page.find("p", class_="calendar-link") is None
    assert f"/kalender/{event.pk}.ics" not in str(page)


def test_announcement_offers_its_calendar_entry(client):
    event = EventPageFactory(start_date=future())
    link = soup(client.get(event.url)).find("p", class_="calendar-link").find("a")
    assert link["href"] == f"/kalender/{event.pk}.ics"


def test_past_event_tip_has_no_calendar_link(client):
    tip = EventTipPageFactory()
    assert soup(client.get(tip.url)).find("p", class_="calendar-link") is None


def test_participants_on_a_retrospective(client):
    event = EventPageFactory(participants=120, participants_qualifier="über")
    assert facts(soup(client.get(event.url)))["Teilnehmende"] == "über 120"


def test_participants_on_an_announcement_are_the_expected_attendance(client):
    event = EventPageFactory(start_date=future(), participants=80, participants_qualifier="rund")
    shown = facts(soup(client.get(event.url)))
    assert shown["Erwartete Teilnehmende"] == "rund 80"
    assert "Teilnehmende" not in shown


def test_registration_e_mail_is_a_mail_link(client):
    event = EventPageFactory(
        start_date=future(),
        registration_contact="Regiestelle E&C\nE-Mail: anmeldung@example.org",
    )
    section = soup(client.get(event.url)).find("section", class_="event-registration")
    link = section.find("a", href="mailto:anmeldung@example.org")
    assert link.get_text() == "anmeldung@example.org"
    assert "Regiestelle E&C" in section.get_text()
