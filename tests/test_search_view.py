"""The search results page: what is found, in which order, how it is shown."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.engine import PER_PAGE
from search.types import find_search_type, search_types, type_slug
from tests.search_helpers import (
    SEARCH_URL,
    hit_titles,
    make_document,
    make_page,
    paragraph,
    private_collection,
)

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    response = client.get(SEARCH_URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def test_header_search_box_on_every_page_leads_to_the_search(client, home_page):
    page = make_page("Basisinfo")
    for url in ("/", page.url, SEARCH_URL):
        html = client.get(url).content.decode()
        assert 'action="/suche/"' in html
        assert '<label for="suchfeld-kopf">Suche nach:</label>' in html


def test_empty_search_shows_the_form_only(client, home_page):
    response = search(client, "")
    assert "Treffer" not in response.content.decode()
    assert 'id="suchfeld-seite"' in response.content.decode()


def test_published_page_is_found_without_update_index(client, home_page):
    page = make_page("Quartiersmanagement in Leipzig")
    assert hit_titles(search(client, "Quartiersmanagement")) == [page.title]

    page.title = "Stadtteilarbeit in Leipzig"
    page.save_revision().publish()
    assert hit_titles(search(client, "Stadtteilarbeit")) == [page.title]

    page.unpublish()
    assert hit_titles(search(client, "Stadtteilarbeit")) == []


def test_demo_content_builds_the_index_and_a_promotion(client, home_page):
    call_command("load_demo_content", stdout=io.StringIO())
    assert hit_titles(search(client, home_page.title))[0] == home_page.title
    call_command("load_demo_content", stdout=io.StringIO())  # idempotent
    html = search(client, "Programm").content.decode()
    assert html.count("Empfehlung der Redaktion") == 2  # heading and label, promoted once


def test_update_index_rebuilds_the_index(client, home_page):
    page = make_page("Sozialraumorientierung")
    make_document("Dokumentation Sozialraumorientierung")
    call_command("update_index", verbosity=0)
    assert set(hit_titles(search(client, "Sozialraumorientierung"))) == {
        page.title,
        "Dokumentation Sozialraumorientierung",
    }


def test_fields_of_the_body_are_searched(client, home_page):
    page = make_page("Ohne Stichwort", text="Hier steht das Wort Jugendberufshilfe im Absatz.")
    response = search(client, "Jugendberufshilfe")
    assert hit_titles(response) == [page.title]
    assert "<mark>Jugendberufshilfe</mark>" in response.content.decode()


def test_count_line_and_type_label_and_date(client, home_page):
    make_page("Kinderarmut")
    html = search(client, "Kinderarmut").content.decode()
    assert "1 Treffer für „Kinderarmut“" in html
    assert '<p class="search-hit__type">Seite · <time datetime="' in html
    make_page("Kinderarmut in Städten")
    assert "2 Treffer für „Kinderarmut“" in search(client, "Kinderarmut").content.decode()


def test_title_match_ranks_above_body_match(client, home_page):
    body_match = make_page(
        "Bericht aus dem Stadtteil",
        text="Ein langer Bericht über Schule, Kita und Freizeit, der auch die "
        "Gemeinwesenarbeit erwähnt, aber vor allem von anderen Dingen handelt.",
    )
    title_match = make_page("Gemeinwesenarbeit", text="Ein Absatz über den Stadtteil.")
    document_title_match = make_document("Gemeinwesenarbeit im Quartier")
    assert hit_titles(search(client, "Gemeinwesenarbeit", typ="seite")) == [
        title_match.title,
        body_match.title,
    ]
    # Pages and documents are ranked together: a title match of either comes first.
    titles = hit_titles(search(client, "Gemeinwesenarbeit"))
    assert set(titles[:2]) == {title_match.title, document_title_match.title}
    assert titles[2:] == [body_match.title]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Stemming needs PostgreSQL's German text search configuration; "
    "SQLite (FTS5) matches exact words and prefixes only.",
)
def test_german_word_forms_match_on_postgresql(client, home_page):
    from wagtail.search.backends import get_search_backend

    assert get_search_backend().config == "german"  # settings: SEARCH_CONFIG
    network = make_page("Lokale Bündnisse", text="Träger arbeiten in Netzwerken zusammen.")
    conference = make_page("Konferenz Berlin 2005")
    assert hit_titles(search(client, "Netzwerk")) == [network.title]
    assert hit_titles(search(client, "Konferenzen")) == [conference.title]
    # The excerpt marks the word form that was found.
    assert "<mark>Netzwerken</mark>" in search(client, "Netzwerk").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="A PostgreSQL index.")
def test_postgresql_can_estimate_and_index_the_text_match():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_indexentry_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition


def test_exact_words_are_found_on_every_database(client, home_page):
    page = make_page("Kooperation", text="Träger arbeiten in Netzwerken zusammen.")
    assert hit_titles(search(client, "Netzwerken")) == [page.title]
    assert hit_titles(search(client, "Kooperation Netzwerken")) == [page.title]
    # All words must occur.
    assert hit_titles(search(client, "Kooperation Dorfentwicklung")) == []


def test_private_pages_are_never_found(client, home_page):
    public = make_page("Jugendhilfeplanung öffentlich")
    private = make_page("Jugendhilfeplanung intern")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    below_private = make_page("Jugendhilfeplanung Protokoll", parent=private)
    draft = make_page("Jugendhilfeplanung Entwurf")
    draft.unpublish()

    titles = hit_titles(search(client, "Jugendhilfeplanung"))
    assert titles == [public.title]
    assert below_private.title not in titles


def test_only_pages_of_the_site_are_found(client, home_page):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    home_page.save_revision().publish()  # made by a migration, indexed on publishing
    assert hit_titles(search(client, root.title)) == []
    assert hit_titles(search(client, home_page.title)) == [home_page.title]


def test_private_documents_are_never_found(client, home_page):
    make_document("Jahresbericht Beteiligung öffentlich")
    internal = private_collection("Intern")
    make_document("Jahresbericht Beteiligung intern", collection=internal)
    from documents.demo import ensure_collection

    below_internal = ensure_collection("Intern", "Protokolle")
    make_document("Jahresbericht Beteiligung Protokoll", collection=below_internal)

    assert hit_titles(search(client, "Beteiligung")) == ["Jahresbericht Beteiligung öffentlich"]
    assert hit_titles(search(client, "Beteiligung", typ="dokument")) == [
        "Jahresbericht Beteiligung öffentlich"
    ]


def test_document_hit_shows_download_link_and_the_pages_that_use_it(client, home_page):
    document = make_document("Dokumentation Fachforum Kinderarmut")
    using = make_page("Fachforum Kinderarmut 2004")
    using.body = [
        paragraph("<p>Die Dokumentation:</p>"),
        {"type": "document", "value": {"document": document.pk, "label": ""}},
    ]
    using.save_revision().publish()
    private_user = make_page("Internes Protokoll")
    private_user.body = [{"type": "document", "value": {"document": document.pk, "label": ""}}]
    private_user.save_revision().publish()
    PageViewRestriction.objects.create(page=private_user, restriction_type="login")

    html = search(client, "Dokumentation Fachforum", typ="dokument").content.decode()
    assert '<p class="search-hit__type">Dokument' in html
    assert f'href="{document.url}"' in html
    assert "(PDF, " in html
    used_on = html[html.index('<p class="search-hit__used-on">') :].split("</p>")[0]
    assert used_on.endswith(f'Verwendet auf: <a href="{using.url}">{using.title}</a>')


def test_document_is_found_by_a_word_only_inside_its_pdf(client, home_page):
    document = make_document(
        "Dokumentation der Regionalkonferenz Nord",
        text="Im Workshop ging es um Mikroprojektförderung in den Gebieten.",
    )
    document.refresh_from_db()
    assert "Mikroprojektförderung" in document.extracted_text
    assert "Mikroprojektförderung" not in document.title
    response = search(client, "Mikroprojektförderung")
    assert hit_titles(response) == [document.title]
    assert "<mark>Mikroprojektförderung</mark>" in response.content.decode()


def test_document_is_found_by_its_description(client, home_page):
    document = make_document("Tagungsband 2003")
    document.description = "Beiträge zur Sprachförderung im Elementarbereich."
    document.save()
    assert hit_titles(search(client, "Sprachförderung")) == [document.title]


def test_highlighting_escapes_content_and_query(client, home_page):
    make_page(
        "Sicherheitstest",
        text="Vorher &lt;script&gt;alert(1)&lt;/script&gt; Elternarbeit &amp; mehr",
    )
    html = search(client, '<script>alert("q")</script> Elternarbeit').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt; Elternarbeit" in html  # the query
    html = search(client, "Elternarbeit").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Elternarbeit</mark> &amp; mehr" in html


def test_type_filter(client, home_page):
    page = make_page("Schulsozialarbeit")
    make_document("Schulsozialarbeit Dokumentation")
    make_page("Elternarbeit")
    html = search(client, "Schulsozialarbeit").content.decode()
    assert "2 Treffer" in html
    # Only types with hits, each with its number of hits.
    assert (
        'href="?q=Schulsozialarbeit&amp;typ=dokument">Dokument <span class="search-types__count">'
        '(1<span class="visually-hidden"> Treffer</span>)</span></a>' in html
    )
    assert ">Seite <span" in html
    assert ">Rückblick" not in html and ">Gebiet" not in html

    assert hit_titles(search(client, "Schulsozialarbeit", typ="seite")) == [page.title]
    response = search(client, "Schulsozialarbeit", typ="dokument")
    assert hit_titles(response) == ["Schulsozialarbeit Dokumentation"]
    assert "1 Treffer für „Schulsozialarbeit“ in „Dokument“" in response.content.decode()
    assert 'aria-current="page">Dokument <span' in response.content.decode()


def test_unknown_type_shows_a_message_and_all_hits(client, home_page):
    make_page("Schulsozialarbeit")
    html = search(client, "Schulsozialarbeit", typ="<b>quatsch</b>").content.decode()
    assert "Diese Art von Inhalt gibt es nicht" in html
    assert "1 Treffer" in html


def test_type_labels_come_from_the_page_models():
    labels = [search_type.label for search_type in search_types()]
    assert "Seite" in labels
    assert "Startseite" not in labels  # the start page is filtered as "Seite"
    assert labels[-1] == "Dokument"
    assert "Dokumentationen" not in labels  # the listing page is an „Übersicht“
    assert len(labels) == len(set(labels))
    assert find_search_type("seite").label == "Seite"
    assert find_search_type("nichts") is None
    assert type_slug("Rückblick") == "rueckblick"
    assert type_slug("Ankündigung") == "ankuendigung"


def test_a_page_type_can_narrow_a_label(client, home_page, monkeypatch):
    """The hook events use: one model, two labels, each with its own filter."""
    from django.db.models import Q

    from home.models import SectionPage

    monkeypatch.setattr(
        SectionPage,
        "search_type_filters",
        classmethod(
            lambda cls: {
                "Ankündigung": Q(title__contains="2006"),
                "Rückblick": ~Q(title__contains="2006"),
            }
        ),
    )
    make_page("Fachtagung 2006")
    make_page("Fachtagung 2001")
    assert hit_titles(search(client, "Fachtagung", typ="ankuendigung")) == ["Fachtagung 2006"]
    assert hit_titles(search(client, "Fachtagung", typ="rueckblick")) == ["Fachtagung 2001"]


def test_pagination(client, home_page):
    for number in range(PER_PAGE + 3):
        make_page(f"Ferienprogramm {number}")
    first = search(client, "Ferienprogramm")
    assert f"{PER_PAGE + 3} Treffer" in first.content.decode()
    assert len(hit_titles(first)) == PER_PAGE
    assert 'href="?q=Ferienprogramm&amp;page=2" rel="next"' in first.content.decode()
    second = search(client, "Ferienprogramm", page="2")
    assert len(hit_titles(second)) == 3
    assert not set(hit_titles(first)) & set(hit_titles(second))
    # Bad page numbers give a normal page (the first or the last).
    assert hit_titles(search(client, "Ferienprogramm", page="abc")) == hit_titles(first)
    assert hit_titles(search(client, "Ferienprogramm", page="999")) == hit_titles(second)
    assert hit_titles(search(client, "Ferienprogramm", page="-1")) == hit_titles(second)


def test_nothing_found_gives_advice_and_ways_to_browse(client, home_page):
    section = make_page("Gebiete", show_in_menus=True)
    html = search(client, "Xylophonunterricht").content.decode()
    assert "Keine Treffer für „Xylophonunterricht“" in html
    assert "haben wir nichts gefunden" in html
    assert "allgemeineren Begriff" in html
    assert f'<a href="{section.url}">Gebiete</a>' in html


def test_nothing_found_with_a_type_offers_all_types(client, home_page):
    make_page("Elternarbeit")
    html = search(client, "Elternarbeit", typ="dokument").content.decode()
    assert "Keine Treffer" in html
    assert '<a href="?q=Elternarbeit">In allen Arten von Inhalten suchen</a>' in html


def test_results_are_not_indexed_and_not_kept_by_browsers_or_a_cdn(client, home_page):
    make_page("Kinderarmut")
    for params in ({"q": "Kinderarmut"}, {"q": ""}, {"q": "nichts"}):
        response = client.get(SEARCH_URL, params)
        assert '<meta name="robots" content="noindex">' in response.content.decode()
        cache_control = response["Cache-Control"]
        assert "max-age=0" in cache_control and "s-maxage=0" in cache_control


def test_query_count_does_not_grow_with_the_number_of_hits(client, home_page):
    def queries_for(query, **params):
        client.get(SEARCH_URL, {"q": query, **params})  # warms caches, creates the Query
        with CaptureQueriesContext(connection) as context:
            response = client.get(SEARCH_URL, {"q": query, **params})
        assert response.status_code == 200
        return len(context.captured_queries), len(hit_titles(response))

    def make_hits(word, count):
        for number in range(count):
            document = make_document(f"{word} Dokumentation {number}")
            page = make_page(f"{word} Seite {number}")
            page.body = [{"type": "document", "value": {"document": document.pk, "label": ""}}]
            page.save_revision().publish()

    make_hits("Streetwork", 1)
    make_hits("Medienkompetenz", PER_PAGE)
    for params in ({"typ": "seite"}, {"typ": "dokument"}, {}):
        few_queries, few_hits = queries_for("Streetwork", **params)
        many_queries, many_hits = queries_for("Medienkompetenz", **params)
        assert few_hits < many_hits == PER_PAGE
        assert many_queries <= few_queries, params
        # Pages and documents together (unfiltered) are the most expensive case.
        assert few_queries <= 22


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_restricted_after_a_search_is_no_longer_found(client, home_page):
    # The restricted paths are kept under the content version (home/privacy.py) and the
    # search checks them on its copy of each page's path (search_match, search 0007).
    page = make_page("Jugendhilfeplanung intern")
    assert hit_titles(search(client, "Jugendhilfeplanung")) == [page.title]
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert hit_titles(search(client, "Jugendhilfeplanung")) == []
