"""The Gebietslisten: grouping, filters, Land pages, CSV export, query counts, demo."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from areas.choices import Bundesland, Gebietsart, SozialeStadtStatus
from areas.columns import FORMULA_STARTS, guard_formula, unguard_formula
from areas.models import AreaIndexPage, AreaPage
from tests.factories.areas import AreaIndexPageFactory, AreaPageFactory, rural_area


@pytest.fixture
def index(db):
    return AreaIndexPageFactory()


@pytest.fixture
def areas(index):
    return {
        "rollberg": AreaPageFactory(
            title="Rollbergsiedlung", municipality="Berlin", bundesland="berlin", kuq=True
        ),
        "marzahn": AreaPageFactory(
            title="Marzahn Nord", municipality="Berlin", bundesland="berlin", los=False
        ),
        "oberhausen": AreaPageFactory(
            title="Oberhausen", municipality="Augsburg", bundesland="bayern", los=False
        ),
        "fichtel": rural_area(
            title="Fichtelgebirge", municipality="Landkreis Wunsiedel", bundesland="bayern"
        ),
        "herrenberg": AreaPageFactory(
            title="Herrenberg", municipality="Erfurt", bundesland="thueringen"
        ),
        "oelberg": AreaPageFactory(
            title="Ölberg", municipality="Wuppertal", bundesland="nordrhein-westfalen"
        ),
        "marxloh": AreaPageFactory(
            title="Marxloh", municipality="Duisburg", bundesland="nordrhein-westfalen"
        ),
    }


def listed(response):
    """Titles per Land label, in the order the page lists them."""
    return {
        group.land.label: [area.title for area in group.areas]
        for group in response.context["listing"]["groups"]
    }


def exported(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.django_db
class TestIndex:
    def test_grouped_by_land_alphabetically_with_counts_and_jump_links(self, client, areas):
        response = client.get("/gebietslisten/")
        assert listed(response) == {
            "Bayern": ["Oberhausen", "Fichtelgebirge"],  # Augsburg before Landkreis Wunsiedel
            "Berlin": ["Marzahn Nord", "Rollbergsiedlung"],
            "Nordrhein-Westfalen": ["Marxloh", "Ölberg"],  # Duisburg before Wuppertal
            "Thüringen": ["Herrenberg"],
        }
        html = response.content.decode()
        assert "7 Gebiete in 4 Bundesländern." in html
        assert '<a href="#land-nordrhein-westfalen">Nordrhein-Westfalen' in html
        assert '<h2 id="land-bayern">Bayern <span class="area-group__count">(2 Gebiete)' in html
        assert (
            '<h2 id="land-thueringen">Thüringen <span class="area-group__count">(1 Gebiet)' in html
        )
        assert f'href="/gebietslisten/{areas["rollberg"].slug}/"' in html

    def test_drafts_and_private_areas_are_not_listed(self, client, areas):
        areas["marzahn"].unpublish()
        PageViewRestriction.objects.create(page=areas["marxloh"], restriction_type="login")
        response = client.get("/gebietslisten/")
        assert "Marzahn Nord" not in listed(response)["Berlin"]
        assert listed(response)["Nordrhein-Westfalen"] == ["Ölberg"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("bundesland=bayern", {"Bayern": ["Oberhausen", "Fichtelgebirge"]}),
            ("art=laendliche-region", {"Bayern": ["Fichtelgebirge"]}),
            ("programm=kuq", {"Berlin": ["Rollbergsiedlung"]}),
            (
                "programm=los&bundesland=berlin",
                {"Berlin": ["Rollbergsiedlung"]},
            ),
            (
                "programm=soziale-stadt&bundesland=bayern",
                {"Bayern": ["Oberhausen"]},
            ),
            ("q=BERLIN", {"Berlin": ["Marzahn Nord", "Rollbergsiedlung"]}),  # municipality
            ("q=marx", {"Nordrhein-Westfalen": ["Marxloh"]}),  # area name
            ("q=Marx&art=laendliche-region", {}),
        ],
    )
    def test_filters(self, client, areas, query, expected):
        response = client.get(f"/gebietslisten/?{query}")
        assert response.status_code == 200
        assert listed(response) == expected
        assert '<meta name="robots" content="noindex, follow">' in response.content.decode()

    def test_nothing_found(self, client, areas):
        response = client.get("/gebietslisten/?q=Atlantis")
        assert "Kein Gebiet entspricht den Filtern." in response.content.decode()

    def test_invalid_filters_get_a_message_and_are_ignored(self, client, areas):
        response = client.get("/gebietslisten/?bundesland=bayernn&art=dorf&programm=kuq")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Bitte prüfen Sie die Filter." in html
        assert "„bayernn“ gibt es hier nicht." in html
        assert "„dorf“ gibt es hier nicht." in html
        assert listed(response) == {"Berlin": ["Rollbergsiedlung"]}  # programm still applies

    def test_overlong_text_filter(self, client, areas):
        response = client.get("/gebietslisten/?q=" + "x" * 300)
        assert response.status_code == 200
        assert "Bitte geben Sie höchstens 100 Zeichen ein." in response.content.decode()
        assert len(response.context["listing"]["groups"]) == 4

    def test_repeated_and_odd_parameters_never_fail(self, client, areas):
        for query in ("bundesland=berlin&bundesland=bayern", "q=%00", "q=%25", "page=abc"):
            assert client.get(f"/gebietslisten/?{query}").status_code == 200


@pytest.mark.django_db
class TestLandPages:
    def test_land_page_lists_only_that_land(self, client, areas):
        response = client.get("/gebietslisten/nordrhein-westfalen/")
        assert response.status_code == 200
        assert listed(response) == {"Nordrhein-Westfalen": ["Marxloh", "Ölberg"]}
        html = response.content.decode()
        assert "<h1>Gebiete in Nordrhein-Westfalen</h1>" in html
        assert "<title>Gebiete in Nordrhein-Westfalen – Gebietslisten – E&amp;C</title>" in html
        assert (
            '<link rel="canonical" href="http://localhost/gebietslisten/nordrhein-westfalen/">'
            in html
        )
        assert 'name="bundesland"' not in html  # the Land is in the address
        assert '<a href="/gebietslisten/">Gebietslisten</a>' in html  # breadcrumbs
        assert '<li><span aria-current="page">Nordrhein-Westfalen</span></li>' in html
        assert '<span aria-current="page">Nordrhein-Westfalen</span>' in html

    def test_sitemap_lists_the_lands_with_areas(self, client, areas):
        xml = client.get("/sitemap.xml").content.decode()
        assert "<loc>http://localhost/gebietslisten/</loc>" in xml
        assert "<loc>http://localhost/gebietslisten/nordrhein-westfalen/</loc>" in xml
        assert "<loc>http://localhost/gebietslisten/hessen/</loc>" not in xml
        assert f"<loc>http://localhost{areas['marxloh'].url}</loc>" in xml

    def test_every_land_has_a_page(self, client, index):
        for land in Bundesland:
            response = client.get(f"/gebietslisten/{land.value}/")
            assert response.status_code == 200
            assert f"<h1>Gebiete in {land.label}</h1>" in response.content.decode()

    def test_filters_on_a_land_page(self, client, areas):
        response = client.get("/gebietslisten/bayern/?art=laendliche-region&bundesland=berlin")
        assert listed(response) == {"Bayern": ["Fichtelgebirge"]}

    @pytest.mark.parametrize("path", ["bayernn", "Berlin", "berlin/extra", "bayernn/csv"])
    def test_unknown_land_is_404(self, client, areas, path):
        assert client.get(f"/gebietslisten/{path}/").status_code == 404

    def test_area_page_links_to_its_land(self, client, areas):
        response = client.get(areas["herrenberg"].url)
        assert '<a href="/gebietslisten/thueringen/">Alle Gebiete in Thüringen</a>' in (
            response.content.decode()
        )


@pytest.mark.django_db
class TestExport:
    @pytest.mark.parametrize(
        ("list_path", "export_path"),
        [
            ("/gebietslisten/", "/gebietslisten/csv/"),
            ("/gebietslisten/?programm=los&q=er", "/gebietslisten/csv/?programm=los&q=er"),
            (
                "/gebietslisten/?art=nix&bundesland=bayern",
                "/gebietslisten/csv/?art=nix&bundesland=bayern",
            ),
            ("/gebietslisten/berlin/", "/gebietslisten/berlin/csv/"),
            (
                "/gebietslisten/bayern/?programm=soziale-stadt",
                "/gebietslisten/bayern/csv/?programm=soziale-stadt",
            ),
        ],
    )
    def test_export_matches_the_list(self, client, areas, list_path, export_path):
        list_response = client.get(list_path)
        assert f'href="{export_path.replace("&", "&amp;")}"' in list_response.content.decode()
        listed_keys = [
            area.area_key
            for group in list_response.context["listing"]["groups"]
            for area in group.areas
        ]
        rows = exported(client.get(export_path))
        assert [row["gebiets_id"] for row in rows] == listed_keys
        assert listed_keys

    def test_export_columns_and_values(self, client, areas):
        response = client.get("/gebietslisten/bayern/csv/")
        assert response["Content-Disposition"] == 'attachment; filename="gebiete-bayern.csv"'
        rows = exported(response)
        fichtel = rows[1]
        assert fichtel["gebiet"] == "Fichtelgebirge"
        assert fichtel["bundesland"] == "Bayern"
        assert fichtel["art"] == "Strukturschwache ländliche Region"
        assert (fichtel["aufnahmejahr"], fichtel["status"]) == ("", "")
        assert (fichtel["los"], fichtel["kuq"]) == ("ja", "nein")
        assert rows[0]["aufnahmejahr"] == "1999" and rows[0]["status"] == "Aktiv"

    @pytest.mark.parametrize(
        ("field", "column", "value", "exported_value"),
        [
            ("description", "beschreibung", '=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
            ("description", "beschreibung", "@SUMME(A1)", "'@SUMME(A1)"),
            ("description", "beschreibung", "+1+2", "'+1+2"),
            ("description", "beschreibung", "-2+3", "'-2+3"),
            ("contact_phone", "qm_telefon", "+49 30 1234567", "'+49 30 1234567"),
            # An apostrophe the text itself starts with survives the round trip.
            ("description", "beschreibung", "'=schon Text", "''=schon Text"),
            ("description", "beschreibung", "'s-Hertogenbosch", "'s-Hertogenbosch"),
        ],
    )
    def test_formulas_are_exported_as_text_and_imported_back(
        self, client, areas, index, field, column, value, exported_value
    ):
        from areas.importer import plan_import

        area = areas["herrenberg"]
        setattr(area, field, value)
        area.save_revision().publish()
        response = client.get("/gebietslisten/thueringen/csv/")
        assert exported(response)[0][column] == exported_value
        plan = plan_import(response.content, index)
        assert plan.ok and len(plan.unchanged) == 1

    def test_export_of_everything_is_named_gebiete(self, client, areas):
        response = client.get("/gebietslisten/csv/")
        assert response["Content-Disposition"] == 'attachment; filename="gebiete.csv"'
        assert len(exported(response)) == 7


def add_areas(index, count):
    lands = list(Bundesland)
    existing = AreaPage.objects.count()
    for number in range(existing, existing + count):
        index.add_child(
            instance=AreaPage(
                title=f"Gebiet {number}",
                slug=f"gebiet-{number}",
                area_key=f"Q-{number:04d}",
                municipality=f"Stadt {number % 37}",
                district=f"Stadtteil {number}",
                bundesland=lands[number % len(lands)],
                kind=Gebietsart.SOZIALE_STADT,
                admission_year=1999 + number % 7,
                soziale_stadt_status="aktiv",
                los=bool(number % 2),
                kuq=bool(number % 3),
            )
        )


def count_queries(client, path):
    client.get(path)  # warm the site root paths cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_areas(client, index):
    paths = [
        "/gebietslisten/",
        "/gebietslisten/?programm=los&q=Stadt",
        "/gebietslisten/berlin/",
        "/gebietslisten/csv/",
        "/gebietslisten/berlin/csv/",
    ]
    add_areas(index, 20)
    small = {path: count_queries(client, path) for path in paths}
    add_areas(index, 380)
    assert AreaPage.objects.count() == 400
    large = {path: count_queries(client, path) for path in paths}
    assert small == large
    # The warm site shell comes from the cache; routing and the areas remain.
    assert all(count <= 10 for count in large.values()), large
    assert len(client.get("/gebietslisten/").context["listing"]["groups"]) == 16


@pytest.mark.django_db
def test_demo_content(client):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "Gebiete (Beispieldaten): 49 angelegt." in out.getvalue()
    index = AreaIndexPage.objects.get()
    assert index.slug == "gebietslisten" and index.show_in_menus
    menu = index.get_parent().get_children().live().in_menu()
    assert list(menu)[-1].pk == index.pk
    areas = AreaPage.objects.child_of(index).live()
    assert areas.count() >= 40
    assert set(areas.values_list("bundesland", flat=True)) == set(Bundesland.values)
    assert all(
        text.startswith("Beispieldaten:") for text in areas.values_list("description", flat=True)
    )
    assert "Beispieldaten" in index.intro
    html = client.get("/gebietslisten/").content.decode()
    assert "in 16 Bundesländern" in html

    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "Gebiete (Beispieldaten): 0 angelegt." in out.getvalue()
    assert AreaPage.objects.count() == areas.count()


@given(st.text())
def test_the_import_reads_back_exactly_what_the_export_wrote(text):
    cell = guard_formula(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert unguard_formula(cell) == text


def test_a_row_shows_every_column_escaped(client, index):
    area = AreaPageFactory(
        title='Nord <script>alert("x")</script>',
        slug="nord",
        municipality="Halle & Saale",
        district="",
        bundesland="sachsen-anhalt",
        kind=Gebietsart.SOZIALE_STADT,
        admission_year=1999,
        soziale_stadt_status=SozialeStadtStatus.RUHEND,
        los=True,
        kuq=False,
    )
    html = client.get("/gebietslisten/").content.decode()
    assert (
        '<tr><th scope="row"><a href="/gebietslisten/nord/">'
        "Nord &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a></th>"
        f"<td>Halle &amp; Saale</td><td>–</td><td>{area.get_kind_display()}</td>"
        "<td>Soziale Stadt seit 1999 (ruht), LOS</td></tr>"
    ) in html
    assert "<script>alert" not in html
