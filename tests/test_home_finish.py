"""The start page's heading, the footer (funding line, Kontakt, partners, event feeds) and
the box „Weitere Informationen …“ of content pages (issue 16)."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup

from home import demo as home_demo
from home.models import FooterSettings, PartnerLink
from tests.factories.documents import DocumentFactory
from tests.factories.home import SectionPageFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_start_page_heading_is_not_its_admin_title(client, home_page):
    assert home_page.title == "Start"
    h1 = soup(client.get("/")).find("h1")
    assert h1.get_text() == "E&C – Entwicklung und Chancen junger Menschen in sozialen Brennpunkten"


def test_start_page_heading_is_editable(client, home_page):
    home_page.heading = "Willkommen bei E&C"
    home_page.save_revision().publish()
    assert soup(client.get("/")).find("h1").get_text() == "Willkommen bei E&C"


def test_footer_names_funding_contact_and_event_feeds(client, home_page, site):
    contact = SectionPageFactory(title="Regiestelle", slug="regiestelle", show_in_menus=False)
    FooterSettings.objects.create(site=site, contact_page=contact)
    footer = soup(client.get("/")).find("footer")
    assert "Gefördert vom Bundesministerium für Familie, Senioren, Frauen und Jugend" in (
        footer.get_text()
    )
    assert footer.find("a", string="Kontakt")["href"] == "/regiestelle/"
    hrefs = {a["href"] for a in footer.find_all("a")}
    assert {
        "/feeds/veranstaltungen.rss",
        "/feeds/veranstaltungen.atom",
        "/kalender/veranstaltungen.ics",
    } <= hrefs


@pytest.mark.django_db
def test_demo_adds_the_institut_fuer_soziale_arbeit_to_an_earlier_demo_footer(site, client):
    footer = FooterSettings.objects.create(site=site)
    for order, (name, url, description) in enumerate(home_demo.PARTNERS[:-1]):
        PartnerLink.objects.create(
            settings=footer, name=name, url=url, description=description, sort_order=order
        )
    home_demo.build(StringIO())
    home_demo.build(StringIO())
    names = list(footer.partner_links.order_by("sort_order").values_list("name", flat=True))
    assert names == ["Stiftung SPI", "DJI", "Soziale Stadt", "BMFSFJ", "Difu", "ISA"]
    assert "Institut für soziale Arbeit" in soup(client.get("/")).find("footer").get_text()


@pytest.mark.django_db
def test_demo_leaves_a_footer_an_editor_changed(site):
    footer = FooterSettings.objects.create(site=site)
    PartnerLink.objects.create(settings=footer, name="Eigener Partner", url="https://example.org/")
    home_demo.build(StringIO())
    assert list(footer.partner_links.values_list("name", flat=True)) == ["Eigener Partner"]


def test_related_material_box_lists_links_and_documents(client, home_page):
    target = SectionPageFactory(title="Regiestelle", slug="regiestelle")
    document = DocumentFactory(title="Programmtext 2003")
    page = SectionPageFactory(
        title="Programm",
        slug="programm",
        related_material=[
            {"type": "link", "value": {"label": "", "page": target.pk, "url": ""}},
            {
                "type": "link",
                "value": {"label": "Soziale Stadt", "page": None, "url": "https://example.org/"},
            },
            {"type": "document", "value": {"document": document.pk, "label": ""}},
        ],
    )
    box = soup(client.get(page.url)).find("section", class_="related-material")
    assert box.find("h2").get_text() == (
        "Weitere Informationen zur Programmatik sowie Materialien zum Nachlesen und zum Download"
    )
    links = [(a.get_text(" ", strip=True), a["href"]) for a in box.find_all("a")]
    assert links[0] == ("Regiestelle", "/regiestelle/")
    assert links[1] == ("Soziale Stadt", "https://example.org/")
    assert links[2][0].startswith("Programmtext 2003") and links[2][1] == document.url


def test_no_related_material_box_without_entries(client, home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    assert soup(client.get(page.url)).find("section", class_="related-material") is None
