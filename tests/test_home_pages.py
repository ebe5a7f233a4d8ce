import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from documents.models import DocumentListPage
from home.models import HomePage, SectionPage
from tests.factories.home import SectionPageFactory
from tests.mixins import PageTypeChecks


class HomePageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = HomePage
    allowed_parents = {Page}
    expected_texts = ("Entwicklung und Chancen junger Menschen in sozialen Brennpunkten",)

    @property
    def allowed_children(self):
        return {model for model in HomePage.allowed_subpage_models()}

    def make_page(self):
        page = HomePage.objects.get()
        page.intro = "<p>Willkommen</p>"
        page.save_revision().publish()
        return page

    def test_only_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.objects.get(depth=1)))


class SectionPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = SectionPage
    allowed_parents = {HomePage, SectionPage}
    allowed_children = {SectionPage, DocumentListPage}
    expected_texts = ("Abschnitt", "Ein Absatz mit Text.")

    def make_page(self):
        return SectionPageFactory(title="Basisinfo", slug="basisinfo")

    def test_editor_offers_no_listing_image_that_no_listing_shows(self):
        # Cards and search hits show title, summary and date, no image: an image field
        # would let editors choose something visitors never see.
        self.login()
        html = self.client.get(f"/admin/pages/{self.page.pk}/edit/").content.decode()
        assert 'name="listing_title"' in html
        assert 'name="listing_image"' not in html
        assert "Bild in Übersichten" not in html


@pytest.mark.django_db
def test_summary_falls_back_from_listing_summary_to_description_to_intro():
    page = SectionPageFactory(intro="Die Einleitung.", listing_summary="", search_description="")
    assert page.get_summary() == "Die Einleitung."
    page.search_description = "Für Suchmaschinen."
    assert page.get_summary() == "Für Suchmaschinen."
    page.listing_summary = "Für Übersichten."
    assert page.get_summary() == "Für Übersichten."
    assert HomePage.objects.get().get_summary() == ""  # no fallback field
