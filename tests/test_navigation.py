"""Main menu, section menu, breadcrumbs, the Stand line and the footer."""

import pytest
from bs4 import BeautifulSoup

from tests.factories.home import SectionPageFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def basisinfo(home_page):
    basisinfo = SectionPageFactory(title="Basisinfo", slug="basisinfo", parent=home_page)
    SectionPageFactory(title="Regiestelle", slug="regiestelle", parent=basisinfo)
    SectionPageFactory(title="Programm", slug="programm", parent=basisinfo)
    SectionPageFactory(
        title="Nicht im Menü", slug="versteckt", parent=basisinfo, show_in_menus=False
    )
    return basisinfo


def test_main_menu_lists_menu_pages_of_the_start_page(client, basisinfo, home_page):
    SectionPageFactory(title="Gebietslisten", slug="gebietslisten", parent=home_page)
    SectionPageFactory(title="Impressum", slug="impressum", parent=home_page, show_in_menus=False)
    nav = soup(client.get("/")).find("nav", attrs={"aria-label": "Hauptnavigation"})
    assert [a.get_text() for a in nav.find_all("a")] == ["Basisinfo", "Gebietslisten"]


def test_main_menu_marks_the_current_section(client, basisinfo):
    page = soup(client.get("/basisinfo/regiestelle/"))
    nav = page.find("nav", attrs={"aria-label": "Hauptnavigation"})
    link = nav.find("a", string="Basisinfo")
    assert "is-active" in link.get("class", [])
    page = soup(client.get("/basisinfo/"))
    link = page.find("nav", attrs={"aria-label": "Hauptnavigation"}).find("a", string="Basisinfo")
    assert link["aria-current"] == "page"


def test_unpublished_pages_are_not_in_menus(client, basisinfo):
    regiestelle = basisinfo.get_children().get(slug="regiestelle")
    regiestelle.specific.unpublish()
    nav = soup(client.get("/basisinfo/")).find("nav", class_="section-nav")
    assert "Regiestelle" not in nav.get_text()


def test_section_menu_on_basisinfo(client, basisinfo):
    for url in ("/basisinfo/", "/basisinfo/regiestelle/", "/basisinfo/programm/"):
        nav = soup(client.get(url)).find("nav", class_="section-nav")
        assert [a.get_text() for a in nav.find_all("a")] == ["Basisinfo", "Regiestelle", "Programm"]
    current = soup(client.get("/basisinfo/programm/")).find("nav", class_="section-nav")
    assert current.find("a", attrs={"aria-current": "page"}).get_text() == "Programm"


def test_no_section_menu_for_a_section_without_children(client, home_page):
    SectionPageFactory(title="Allein", slug="allein", parent=home_page)
    assert soup(client.get("/allein/")).find("nav", class_="section-nav") is None


def test_breadcrumbs(client, basisinfo):
    crumbs = soup(client.get("/basisinfo/regiestelle/")).find("nav", class_="breadcrumbs")
    assert [li.get_text(strip=True) for li in crumbs.find_all("li")] == [
        "Start",
        "Basisinfo",
        "Regiestelle",
    ]
    assert crumbs.find("a", string="Basisinfo")["href"] == "/basisinfo/"
    assert crumbs.find(attrs={"aria-current": "page"}).get_text() == "Regiestelle"


def test_no_breadcrumbs_on_the_start_page(client, basisinfo):
    assert soup(client.get("/")).find("nav", class_="breadcrumbs") is None


def test_stand_line_shows_the_last_publication_date_in_german(client, basisinfo):
    basisinfo.last_published_at = basisinfo.last_published_at.replace(
        year=2000, month=9, day=18, hour=12
    )
    basisinfo.save(update_fields=["last_published_at"])
    stand = soup(client.get("/basisinfo/")).find("p", class_="stand")
    assert stand.get_text(" ", strip=True) == "Stand: 18. September 2000"
    assert stand.find("time")["datetime"] == "2000-09-18"


def test_every_page_has_skip_link_search_box_and_to_top_link(client, basisinfo):
    page = soup(client.get("/basisinfo/regiestelle/"))
    assert page.find("html")["lang"] == "de"
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#inhalt" and page.find(id="inhalt").name == "main"
    form = page.find("form", attrs={"role": "search"})
    assert form["action"] == "/suche/" and form.find("input", attrs={"name": "q"})
    assert page.find("a", string="nach oben")["href"] == "#seitenanfang"


def test_footer_partner_links_come_from_the_site_setting(client, basisinfo, site):
    from home.models import FooterSettings, PartnerLink

    footer = FooterSettings.objects.create(site=site)
    PartnerLink.objects.create(settings=footer, name="Difu", url="https://difu.de/", sort_order=2)
    PartnerLink.objects.create(settings=footer, name="DJI", url="https://www.dji.de/", sort_order=1)
    footer.imprint_page = SectionPageFactory(title="Impressum", slug="impressum")
    footer.save()
    page = soup(client.get("/basisinfo/"))
    partners = page.find("nav", attrs={"aria-label": "Partner"})
    assert [a.get_text() for a in partners.find_all("a")] == ["DJI", "Difu"]
    legal = page.find("nav", attrs={"aria-label": "Rechtliches"})
    assert legal.find("a", string="Impressum")["href"] == "/impressum/"


def test_no_external_assets(client, basisinfo):
    page = soup(client.get("/basisinfo/"))
    loaded = [tag["src"] for tag in page.find_all(["script", "img", "iframe"], src=True)]
    loaded += [
        tag["href"]
        for tag in page.find_all("link", href=True)
        if {"stylesheet", "icon", "preload"} & set(tag.get("rel", []))
    ]
    assert loaded
    for url in loaded:
        assert url.startswith("/") and not url.startswith("//"), url


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # renewed on commit
def test_navigation_follows_publishing_moving_and_deleting(client, basisinfo, home_page):
    assert "Neu" not in client.get("/basisinfo/").content.decode()
    new = SectionPageFactory(title="Neu", slug="neu", parent=home_page)
    main = soup(client.get("/basisinfo/")).find("nav", attrs={"aria-label": "Hauptnavigation"})
    assert "Neu" in main.get_text()

    programm = basisinfo.get_children().get(slug="programm")
    programm.move(new, pos="last-child")
    section = soup(client.get("/basisinfo/")).find("nav", class_="section-nav")
    assert "Programm" not in section.get_text()

    new.delete()
    main = soup(client.get("/basisinfo/")).find("nav", attrs={"aria-label": "Hauptnavigation"})
    assert "Neu" not in main.get_text()


def test_footer_follows_setting_changes(client, basisinfo, site):
    from home.models import FooterSettings, PartnerLink

    assert soup(client.get("/basisinfo/")).find("nav", attrs={"aria-label": "Partner"}) is None
    footer = FooterSettings.objects.create(site=site)
    link = PartnerLink.objects.create(settings=footer, name="BMFSFJ", url="https://www.bmfsfj.de/")
    assert "BMFSFJ" in client.get("/basisinfo/").content.decode()
    link.name = "Bundesministerium"
    link.save()
    assert "Bundesministerium" in client.get("/basisinfo/").content.decode()
