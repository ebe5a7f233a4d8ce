"""The admin's list of events (issue 16): date and Ankündigung/Rückblick per event, filters
by year and by life, German labels; queries do not grow with the number of events."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.conference import EventPageFactory

pytestmark = pytest.mark.django_db
URL = "/admin/veranstaltungen/"


def rows(response):
    """The text of each row of the listing."""
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    return [row.get_text(" ", strip=True) for row in table.find("tbody").find_all("tr")]


def row_of(response, title):
    return next(row for row in rows(response) if title in row)


def titles(response):
    names = ("Fachforum 2005", "Konferenz 2006", "Konferenz bald")
    return [next(name for name in names if name in row) for row in rows(response)]


@pytest.fixture
def events():
    upcoming = timezone.localdate() + timedelta(days=40)
    return {
        "2005": EventPageFactory(title="Fachforum 2005", start_date=date(2005, 5, 3)),
        "2006": EventPageFactory(title="Konferenz 2006", start_date=date(2006, 4, 26)),
        "next": EventPageFactory(title="Konferenz bald", start_date=upcoming),
    }


def test_listing_shows_date_and_life(admin_client, events):
    response = admin_client.get(URL)
    assert response.status_code == 200
    fachforum = row_of(response, "Fachforum 2005")
    assert "3. und 4. Mai 2005" in fachforum and "Rückblick" in fachforum
    assert "Ankündigung" in row_of(response, "Konferenz bald")
    assert len(rows(response)) == 3


def test_newest_first(admin_client, events):
    assert titles(admin_client.get(URL)) == ["Konferenz bald", "Konferenz 2006", "Fachforum 2005"]


def test_filter_by_year(admin_client, events):
    assert titles(admin_client.get(URL, {"year": "2005"})) == ["Fachforum 2005"]


def test_filter_by_life(admin_client, events):
    assert titles(admin_client.get(URL, {"life": "announcement"})) == ["Konferenz bald"]
    retrospectives = titles(admin_client.get(URL, {"life": "retrospective"}))
    assert retrospectives == ["Konferenz 2006", "Fachforum 2005"]


def test_unknown_year_is_a_form_error_not_a_500(admin_client, events):
    response = admin_client.get(URL, {"year": "1850"})
    assert response.status_code == 200


def test_menu_item_in_the_admin(admin_client):
    assert URL in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_queries_do_not_grow_with_events(admin_client):
    for number in range(3):
        EventPageFactory(start_date=date(2004, 1, 1) + timedelta(days=number * 30))
    with CaptureQueriesContext(connection) as few:
        admin_client.get(URL)
    for number in range(12):
        EventPageFactory(start_date=date(2005, 1, 1) + timedelta(days=number * 30))
    with CaptureQueriesContext(connection) as many:
        admin_client.get(URL)
    assert len(many) == len(few)
