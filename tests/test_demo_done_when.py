"""The Done-when lines of issue 16 on the demo site that `make run` builds (all but the
search line, which belongs to the search work)."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from areas.models import AreaPage
from conference.models import EventPage
from home.models import HomePage, SectionPage
from tests.factories.documents import HTML_BYTES, upload


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_demo_site_meets_issue_16(client, admin_client):
    call_command("load_demo_content", stdout=StringIO())
    home = soup(client.get("/"))

    assert "Institut für soziale Arbeit" in home.find("footer").get_text()
    assert home.find("h1").get_text().strip() != "Start"
    assert home.find("footer").find("a", href="/feeds/veranstaltungen.rss") is not None
    assert home.find("footer").find("a", string="Kontakt") is not None

    retrospective = next(event for event in EventPage.objects.live() if not event.is_upcoming())
    page = soup(client.get(retrospective.url))
    assert page.find("a", href=f"/kalender/{retrospective.pk}.ics") is None

    area = AreaPage.objects.live().first()
    crumbs = soup(client.get(area.url)).find("nav", class_="breadcrumbs").get_text()
    assert area.get_bundesland_display() in crumbs

    new_page = SectionPage(title="Brücken bauen")
    HomePage.objects.get().add_child(instance=new_page)
    assert new_page.slug == "bruecken-bauen"

    refused = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Doku", "file": upload("seite.pdf", HTML_BYTES), "collection": 1},
    )
    assert "Der Inhalt der Datei passt nicht" in refused.content.decode()
    assert "Dateiendung „“" not in refused.content.decode()
