from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from documents.models import DocumentListPage
from home.models import HomePage, SectionPage
from tests.factories.home import SectionPageFactory
from tests.mixins import PageTypeChecks


class HomePageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = HomePage
    allowed_parents = {Page}
    expected_texts = ("Start",)

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
