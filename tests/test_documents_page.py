"""The "Dokumentationen" page type: listing, grouping, filters, pagination, privacy,
usage from the reference index, flat query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from documents.demo import documentation_collection, ensure_collection
from documents.listing import PER_PAGE
from documents.models import DocumentListPage
from home.models import HomePage, SectionPage
from tests.factories.documents import DocumentFactory, DocumentListPageFactory
from tests.factories.home import SectionPageFactory
from tests.mixins import PageTypeChecks


class DocumentListPageTests(PageTypeChecks, WagtailPageTestCase):
    page_model = DocumentListPage
    allowed_parents = {HomePage, SectionPage}
    allowed_children = set()
    expected_texts = ("Dokumentationen", "Dokumentation Fachforum 2005", "2005")

    def make_page(self):
        DocumentFactory(
            title="Dokumentation Fachforum 2005",
            year=2005,
            collection=documentation_collection(2005),
        )
        return DocumentListPageFactory()

    def form_data(self):
        return nested_form_data(
            {
                "title": self.page.title,
                "slug": self.page.slug,
                "intro": self.page.intro,
                "collection": self.page.collection_id,
            }
        )

    def test_private_collection_cannot_be_chosen(self):
        private = Collection.get_first_root_node().add_child(name="Intern")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
        self.page.collection = private
        with self.assertRaisesMessage(Exception, "Diese Sammlung ist geschützt"):
            self.page.full_clean()


def text(response):
    return response.content.decode()


@pytest.fixture
def list_page(db):
    return DocumentListPageFactory()


def test_lists_documents_of_collection_and_children_grouped_by_year(client, list_page):
    DocumentFactory(title="Doku 2004", year=2004, collection=documentation_collection(2004))
    DocumentFactory(title="Doku 2006", year=2006, collection=documentation_collection(2006))
    DocumentFactory(title="Doku ohne Jahr", collection=ensure_collection("Dokumentationen"))
    DocumentFactory(
        title="Newsletter 1", year=2005, collection=ensure_collection("Newsletter-Archiv")
    )
    html = text(client.get(list_page.url))
    assert "Newsletter 1" not in html
    assert html.index(">2006</h2>") < html.index("Doku 2006") < html.index(">2004</h2>")
    assert html.index("Doku 2004") < html.index("Ohne Jahresangabe") < html.index("Doku ohne Jahr")
    assert "3 Dokumente" in html
    # Every link says which document it downloads, also to screen readers.
    assert 'Herunterladen<span class="visually-hidden">: Doku 2006</span>' in html


def test_documents_of_private_collections_are_not_listed(client, list_page):
    intern = ensure_collection("Dokumentationen", "Intern")
    CollectionViewRestriction.objects.create(
        collection=intern, restriction_type=CollectionViewRestriction.LOGIN
    )
    below = ensure_collection("Dokumentationen", "Intern", "Entwürfe")
    DocumentFactory(title="Geheimer Entwurf", year=2005, collection=below)
    DocumentFactory(title="Interne Notiz", year=2005, collection=intern)
    DocumentFactory(title="Öffentliche Doku", year=2005, collection=documentation_collection(2005))
    html = text(client.get(list_page.url))
    assert "Öffentliche Doku" in html
    assert "Geheimer Entwurf" not in html
    assert "Interne Notiz" not in html


def test_whole_library_private_lists_nothing(client, list_page):
    CollectionViewRestriction.objects.create(
        collection=list_page.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    DocumentFactory(title="Doku 2005", year=2005, collection=documentation_collection(2005))
    html = text(client.get(list_page.url))
    assert "Doku 2005" not in html
    assert "noch keine Dokumente" in html


def test_filter_by_year_and_text(client, list_page):
    DocumentFactory(title="Fachforum Schule", year=2004, collection=documentation_collection(2004))
    DocumentFactory(
        title="Bundeskonferenz Gesundheit",
        description="Gesundheit im Quartier",
        year=2005,
        collection=documentation_collection(2005),
    )
    html = text(client.get(list_page.url, {"jahr": "2004"}))
    assert "Fachforum Schule" in html and "Bundeskonferenz Gesundheit" not in html
    html = text(client.get(list_page.url, {"q": "gesundheit"}))
    assert "Bundeskonferenz Gesundheit" in html and "Fachforum Schule" not in html
    assert 'content="noindex, follow"' in html


@pytest.mark.parametrize(
    "params", [{"jahr": "abc"}, {"jahr": "1850"}, {"page": "x"}, {"page": "999"}]
)
def test_bad_parameters_get_a_message_not_an_error(client, list_page, params):
    DocumentFactory(title="Doku 2005", year=2005, collection=documentation_collection(2005))
    response = client.get(list_page.url, params)
    assert response.status_code == 200
    assert "Doku 2005" in text(response)
    if "jahr" in params:
        assert "Für dieses Jahr gibt es keine Dokumente." in text(response)


def test_an_invalid_filter_leaves_the_valid_one_in_force(client, list_page):
    DocumentFactory(title="Fachforum Schule", year=2004, collection=documentation_collection(2004))
    DocumentFactory(title="Bilanzkonferenz", year=2005, collection=documentation_collection(2005))
    html = text(client.get(list_page.url, {"q": "Fachforum", "jahr": "1850"}))
    assert "Fachforum Schule" in html and "Bilanzkonferenz" not in html
    assert "Für dieses Jahr gibt es keine Dokumente. Es werden alle Jahre gezeigt." in html
    html = text(client.get(list_page.url, {"q": "x" * 101, "jahr": "2005"}))
    assert "Bilanzkonferenz" in html and "Fachforum Schule" not in html
    errors = html[html.index('<div class="form-errors"') :].split("</div>")[0]
    assert "Suchbegriff" in errors
    assert "Es werden alle Jahre gezeigt." not in errors


@pytest.mark.parametrize(
    ("publisher", "language", "meta"),
    [
        ("", "", None),
        ("", "de", None),
        ("Stiftung SPI", "", "Herausgeber: Stiftung SPI"),
        ("", "en", "Sprache: Englisch"),
        ("Stiftung SPI", "en", "Herausgeber: Stiftung SPI · Sprache: Englisch"),
    ],
)
def test_meta_line_of_a_document_only_when_there_is_something_to_say(
    client, list_page, publisher, language, meta
):
    DocumentFactory(
        title="Doku",
        publisher=publisher,
        language=language,
        collection=documentation_collection(2005),
    )
    html = text(client.get(list_page.url))
    entry = html[html.index('<article class="card document-entry">') :].split("</article>")[0]
    found = re.findall(r'<p class="card__meta">(.*?)</p>', entry)
    assert found == ([meta] if meta else [])


def test_pagination_keeps_the_filter(client, list_page):
    collection = documentation_collection(2005)
    for number in range(PER_PAGE + 3):
        DocumentFactory(title=f"Doku {number:02}", year=2005, collection=collection, pages=1)
    html = text(client.get(list_page.url, {"jahr": "2005"}))
    assert "Seite 1 von 2" in html
    assert "jahr=2005&amp;page=2" in html
    html = text(client.get(list_page.url, {"jahr": "2005", "page": "2"}))
    assert "Doku 22" in html and "Doku 00" not in html


def test_shows_the_pages_that_use_a_document(client, list_page):
    document = DocumentFactory(
        title="Doku 2005", year=2005, collection=documentation_collection(2005)
    )
    SectionPageFactory(
        title="Fachforum 2005",
        body=[{"type": "document", "value": {"document": document.pk, "label": "Dokumentation"}}],
    )
    draft = SectionPageFactory(
        title="Entwurfsseite",
        body=[{"type": "document", "value": {"document": document.pk, "label": ""}}],
    )
    draft.unpublish()
    private = SectionPageFactory(
        title="Interne Seite",
        body=[{"type": "document", "value": {"document": document.pk, "label": ""}}],
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = text(client.get(list_page.url))
    usage = re.search(r'<p class="document-entry__usage">(.*?)</p>', html, re.S).group(1)
    assert "Verwendet auf:" in usage
    assert "Fachforum 2005" in usage
    assert "Entwurfsseite" not in usage
    assert "Interne Seite" not in usage  # a page behind a login is not named


def count_queries(client, url):
    client.get(url)  # warm the caches that every page shares (site, navigation, footer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_documents(client, list_page):
    def add(number, year):
        document = DocumentFactory(
            title=f"Doku {year}-{number}", year=year, collection=documentation_collection(year)
        )
        SectionPageFactory(
            body=[{"type": "document", "value": {"document": document.pk, "label": ""}}]
        )

    add(1, 2004)
    few = count_queries(client, list_page.url)
    for number in range(2, 15):
        add(number, 2004 + number % 3)
    many = count_queries(client, list_page.url)
    assert many == few
    assert many <= 10
