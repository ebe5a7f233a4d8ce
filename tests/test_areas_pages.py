import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from areas.choices import Gebietsart, SozialeStadtStatus
from areas.models import AreaIndexPage, AreaPage
from home.models import HomePage
from tests.factories.areas import AreaIndexPageFactory, AreaPageFactory, area_index
from tests.mixins import PageTypeChecks


class AreaIndexPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = AreaIndexPage
    allowed_parents = {HomePage}
    allowed_children = {AreaPage}
    expected_texts = ("Gebietslisten", "Alle E&amp;C-Gebiete.", "Hier sind noch keine Gebiete")

    def make_page(self):
        return AreaIndexPageFactory()

    def test_only_one_index(self):
        self.assertFalse(AreaIndexPage.can_create_at(HomePage.objects.get()))


class AreaPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = AreaPage
    allowed_parents = {AreaIndexPage}
    allowed_children = set()
    expected_texts = (
        "Rollbergsiedlung",
        '<p class="lead">Neukölln, Berlin</p>',
        "Aufgenommen 1999, Status: Aktiv",
        "Jugendamt Neukölln",
        "mailto:qm@example.org",
        'href="/gebietslisten/berlin/"',
    )

    def make_page(self):
        return AreaPageFactory(title="Rollbergsiedlung", slug="berlin-rollbergsiedlung")

    def form_data(self):
        data = super().form_data()
        for name in (
            "area_key",
            "municipality",
            "district",
            "bundesland",
            "kind",
            "admission_year",
            "soziale_stadt_status",
            "jugendamt",
            "description",
            "contact_organisation",
            "contact_email",
            "contact_phone",
            "contact_url",
        ):
            data[name] = getattr(self.page, name)
        data["los"] = "on"
        return data

    def test_location_names_the_land_unless_it_is_the_city(self):
        self.assertEqual(self.page.full_location, "Neukölln, Berlin")
        self.page.municipality = "Duisburg"
        self.page.bundesland = "nordrhein-westfalen"
        self.assertEqual(self.page.full_location, "Neukölln, Duisburg (Nordrhein-Westfalen)")

    def test_type_label_and_summary(self):
        self.assertEqual(self.page.get_type_label(), "Gebiet")
        self.page.description = ""
        self.assertEqual(
            self.page.get_summary(),
            "Städtisches Gebiet der Sozialen Stadt in Berlin.",
        )


@pytest.mark.django_db
class TestAreaValidation:
    def test_rural_region_has_no_soziale_stadt_year(self):
        page = AreaPageFactory.build(
            kind=Gebietsart.LAENDLICHE_REGION, admission_year=2001, soziale_stadt_status=""
        )
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "admission_year" in error.value.message_dict

    def test_year_and_status_go_together(self):
        page = AreaPageFactory.build(admission_year=2001, soziale_stadt_status="")
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "soziale_stadt_status" in error.value.message_dict

    def test_slug_of_a_land_is_reserved(self):
        index = area_index()
        page = AreaPage(
            title="Berlin",
            slug="berlin",
            area_key="BE-999",
            municipality="Berlin",
            bundesland="berlin",
            kind=Gebietsart.SOZIALE_STADT,
            admission_year=1999,
            soziale_stadt_status=SozialeStadtStatus.AKTIV,
        )
        with pytest.raises(ValidationError) as error:
            index.add_child(instance=page)
        assert "reserviert" in str(error.value.message_dict["slug"])

    def test_copy_gets_a_key_of_its_own(self):
        page = AreaPageFactory(area_key="BE-004")
        copy = page.copy(update_attrs={"slug": "kopie", "title": "Kopie"}).specific
        copy.full_clean()
        assert copy.area_key == "BE-005"

    def test_two_areas_saved_at_once_get_different_keys(self):
        index = area_index()
        AreaPageFactory(area_key="BE-004", bundesland="berlin")
        first, second = (
            AreaPage(
                title=title,
                slug=title.lower(),
                municipality="Berlin",
                bundesland="berlin",
                kind=Gebietsart.SOZIALE_STADT,
                admission_year=1999,
                soziale_stadt_status=SozialeStadtStatus.AKTIV,
            )
            for title in ("Erstes", "Zweites")
        )
        # Two editors' forms are validated before either page is saved.
        first.clean()
        second.clean()
        assert first.area_key == second.area_key == "BE-005"
        index.add_child(instance=first)
        index.add_child(instance=second)
        assert (first.area_key, second.area_key) == ("BE-005", "BE-006")
        assert AreaPage.objects.get(pk=second.pk).title == "Zweites"
        second.save_revision().publish()
        assert AreaPage.objects.live().filter(area_key="BE-006").exists()

    def test_area_is_found_by_municipality_and_land(self):
        AreaPageFactory(title="Marxloh", municipality="Duisburg", bundesland="nordrhein-westfalen")
        AreaPageFactory(title="Gröpelingen", municipality="Bremen", bundesland="bremen")
        hits = list(Page.objects.live().specific().search("Duisburg"))
        assert [hit.title for hit in hits] == ["Marxloh"]
        hits = list(Page.objects.live().specific().search("Nordrhein-Westfalen"))
        assert [hit.title for hit in hits] == ["Marxloh"]
