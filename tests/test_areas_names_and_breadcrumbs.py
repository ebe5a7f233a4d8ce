"""Areas with the same name are told apart by their town wherever they are chosen or
listed; an area page's breadcrumbs name its Land; its meta description says a Land once
(issue 16)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from areas.choices import Bundesland
from conference.models import EventArea
from tests.factories.areas import AreaPageFactory
from tests.factories.conference import EventPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def two_nordstadt():
    kassel = AreaPageFactory(
        title="Nordstadt",
        slug="kassel-nordstadt",
        municipality="Kassel",
        district="",
        bundesland=Bundesland.HESSEN,
    )
    dortmund = AreaPageFactory(
        title="Nordstadt",
        slug="dortmund-nordstadt",
        municipality="Dortmund",
        district="",
        bundesland=Bundesland.NORDRHEIN_WESTFALEN,
    )
    return kassel, dortmund


def test_event_page_lists_areas_with_their_town(client, two_nordstadt):
    event = EventPageFactory()
    for area in two_nordstadt:
        EventArea.objects.create(page=event, area=area)
    section = soup(client.get(event.url)).find("section", class_="event-areas")
    assert sorted(a.get_text() for a in section.find_all("a")) == [
        "Nordstadt (Dortmund)",
        "Nordstadt (Kassel)",
    ]


def test_page_chooser_shows_areas_with_their_town(admin_client, two_nordstadt):
    kassel, _ = two_nordstadt
    response = admin_client.get(
        reverse("wagtailadmin_choose_page_child", args=[kassel.get_parent().pk]),
        {"page_type": "areas.areapage"},
    )
    html = response.json()["html"]
    assert "Nordstadt (Kassel)" in html and "Nordstadt (Dortmund)" in html


def test_name_is_not_doubled_when_it_holds_the_town():
    area = AreaPageFactory.build(title="Berlin-Rollbergsiedlung", municipality="Berlin")
    assert area.name_with_town == "Berlin-Rollbergsiedlung"


def test_area_breadcrumbs_name_the_land(client):
    area = AreaPageFactory(
        title="Nordstadt",
        slug="dortmund-nordstadt",
        municipality="Dortmund",
        bundesland=Bundesland.NORDRHEIN_WESTFALEN,
    )
    crumbs = soup(client.get(area.url)).find("nav", class_="breadcrumbs")
    items = [li.get_text(strip=True) for li in crumbs.find_all("li")]
    assert items == ["Start", "Gebietslisten", "Nordrhein-Westfalen", "Nordstadt"]
    land = crumbs.find("a", string="Nordrhein-Westfalen")
    assert land["href"] == "/gebietslisten/nordrhein-westfalen/"
    assert client.get(land["href"]).status_code == 200


def test_meta_description_names_berlin_once(client):
    area = AreaPageFactory(
        municipality="Berlin", bundesland=Bundesland.BERLIN, listing_summary="", description=""
    )
    meta = soup(client.get(area.url)).find("meta", attrs={"name": "description"})
    assert meta["content"] == "Städtisches Gebiet der Sozialen Stadt in Berlin."


def test_meta_description_names_town_and_land(client):
    area = AreaPageFactory(
        municipality="Kassel", bundesland=Bundesland.HESSEN, listing_summary="", description=""
    )
    meta = soup(client.get(area.url)).find("meta", attrs={"name": "description"})
    assert meta["content"] == "Städtisches Gebiet der Sozialen Stadt in Kassel (Hessen)."
