"""What visitors type: phrases, OR, exclusions, German word forms, the count cap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import ranking
from search.query import parse
from tests.search_helpers import SEARCH_URL, hit_titles, make_document, make_page

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    response = client.get(SEARCH_URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def test_parse_reads_phrases_or_and_exclusions():
    parsed = parse('"Kinder- und Jugendhilfe" Kita OR Schule -Leipzig')
    assert [[(t.words, t.negated) for t in group] for group in parsed.groups] == [
        [(("Kinder", "und", "Jugendhilfe"), False)],
        [(("Kita",), False), (("Schule",), False)],
        [(("Leipzig",), True)],
    ]
    assert parsed.websearch() == '"Kinder und Jugendhilfe" Kita or Schule -Leipzig'
    assert parsed.positive_words == ["Kinder", "und", "Jugendhilfe", "Kita", "Schule"]


@pytest.mark.parametrize(
    "query, websearch",
    [
        ('"unbalanced quote', '"unbalanced quote"'),
        ("OR OR -", ""),
        ("- -Kita", "-Kita"),
        ("Kita OR", "Kita"),
        ("Kinder-Jugend", "Kinder Jugend"),  # a hyphen inside a word excludes nothing
        ("' OR 1=1; --", "1 1"),
    ],
)
def test_parse_never_fails_and_keeps_only_words(query, websearch):
    assert parse(query).websearch() == websearch


def test_word_forms_meet_on_every_database(client, home_page):
    network = make_page("Lokale Bündnisse", text="Träger arbeiten in Netzwerken zusammen.")
    conference = make_page("Konferenz Berlin 2005")
    make_page("Konferenzen im Rückblick")
    assert hit_titles(search(client, "Netzwerk")) == [network.title]
    assert "<mark>Netzwerken</mark>" in search(client, "Netzwerk").content.decode()
    assert len(hit_titles(search(client, "Konferenz"))) == 2
    assert set(hit_titles(search(client, "Konferenzen"))) == set(
        hit_titles(search(client, "Konferenz"))
    )
    assert conference.title in hit_titles(search(client, "Konferenzen"))


def test_a_quoted_phrase_finds_the_words_in_that_order(client, home_page):
    phrase = make_page("Tagung", text="Fragen der Kinder- und Jugendhilfe im Stadtteil.")
    make_page("Andere Tagung", text="Jugendhilfe für Kinder und Eltern.")
    assert hit_titles(search(client, '"Kinder- und Jugendhilfe"')) == [phrase.title]
    assert len(hit_titles(search(client, "Kinder Jugendhilfe"))) == 2


def test_or_finds_either_word(client, home_page):
    make_page("Quartiersmanagement in Halle")
    make_page("Gemeinwesenarbeit in Kassel")
    make_page("Schulsozialarbeit in Rostock")
    assert set(hit_titles(search(client, "Quartiersmanagement OR Gemeinwesenarbeit"))) == {
        "Quartiersmanagement in Halle",
        "Gemeinwesenarbeit in Kassel",
    }
    assert hit_titles(search(client, "Quartiersmanagement Gemeinwesenarbeit")) == []


def test_minus_excludes_a_word(client, home_page):
    make_page("Jugendhilfe in Leipzig")
    make_page("Jugendhilfe in Bremen")
    make_document("Jugendhilfe Leipzig Dokumentation")
    assert hit_titles(search(client, "Jugendhilfe -Leipzig")) == ["Jugendhilfe in Bremen"]


def test_an_excluded_word_in_the_text_excludes_a_page_whose_title_matches(client, home_page):
    # Pages whose title matches are ranked first; the title alone must not decide.
    make_page("Jugendhilfe", text="Ein Bericht aus Leipzig.")
    make_page("Jugendhilfe in Bremen")
    response = search(client, "Jugendhilfe -Leipzig")
    assert hit_titles(response) == ["Jugendhilfe in Bremen"]
    assert "1 Treffer" in response.content.decode()


def test_the_example_of_the_issue_finds_the_pages_with_the_phrase(client, home_page):
    phrase = make_page("Tagung", text="Kinder- und Jugendhilfe und Schule gemeinsam.")
    titles = hit_titles(search(client, '"Kinder- und Jugendhilfe" OR -Schule'))
    assert phrase.title in titles


@pytest.mark.parametrize(
    "query, most",
    [
        ('"Kinder- und Jugendhilfe" OR -Schule', True),
        ("Kita OR -Schule -Hort OR Hort", True),
        ("Jugendhilfe -Leipzig", False),  # the first group needs its word
        ("Kita OR -Schule Jugendhilfe", False),
        ("-Schule", False),  # nothing to look for
    ],
)
def test_queries_that_match_most_entries_by_their_form(query, most):
    # The PostgreSQL search then reads the table instead of the index (ranking._matches).
    assert parse(query).matches_most_entries is most


def test_an_or_with_an_exclusion_finds_everything_without_the_word(client, home_page):
    with_phrase = make_page("Tagung", text="Kinder- und Jugendhilfe und Schule gemeinsam.")
    without_school = make_page("Kita-Fest", text="Ein Fest für alle.")
    make_page("Schulhof", text="Die Schule baut.")
    titles = hit_titles(search(client, '"Kinder- und Jugendhilfe" OR -Schule'))
    # Every page without the word, and the one with the phrase; not the school's page.
    assert sorted(titles) == sorted([with_phrase.title, without_school.title])


def test_exclusions_alone_are_explained_not_searched(client, home_page):
    make_page("Jugendhilfe in Bremen")
    html = search(client, "-Leipzig").content.decode()
    assert "Bitte geben Sie mindestens ein Wort ein, das vorkommen soll" in html
    assert hit_titles(search(client, "-Leipzig")) == []


def test_search_help_explains_the_syntax(client, home_page):
    html = search(client, "").content.decode()
    assert 'aria-describedby="suchhilfe"' in html
    assert "Anführungszeichen" in html and "Minus" in html


def test_count_is_capped(client, home_page, monkeypatch):
    monkeypatch.setattr(ranking, "COUNT_CAP", 3)
    for number in range(5):
        make_page(f"Ferienfreizeit {number}")
    html = search(client, "Ferienfreizeit").content.decode()
    assert "mehr als 3 Treffer für „Ferienfreizeit“" in html
    assert len(hit_titles(search(client, "Ferienfreizeit"))) == 3
    # Over the cap the types are listed without numbers.
    assert ">Seite</a>" in html
    make_page("Sommerfreizeit")
    html = search(client, "Sommerfreizeit").content.decode()
    assert "1 Treffer für" in html
    assert '>Seite <span class="search-types__count">(1<' in html


def test_document_hits_show_the_year_and_link_the_title(client, home_page):
    document = make_document("Dokumentation Elternbeteiligung")
    document.year = 2005
    document.save()
    html = search(client, "Elternbeteiligung").content.decode()
    assert "Dokument · Erschienen 2005" in html
    assert f'<h3 class="search-hit__title"><a href="{document.url}">' in html


def test_a_documentation_without_its_own_year_takes_its_events_year(client, home_page):
    from tests.factories.conference import EventDocumentFactory, EventPageFactory

    document = make_document("Dokumentation Stadtteilkonferenz")
    assert document.year is None
    EventDocumentFactory(page=EventPageFactory(title="Fachforum 2006"), document=document)
    html = search(client, "Stadtteilkonferenz").content.decode()
    assert "Dokument · Erschienen 2006" in html


def test_at_most_eight_queries_however_many_hits(client, home_page, settings):
    # As in production: the statistics are written once a minute, not with every search.
    settings.SEARCH_STATISTICS_INTERVAL = 60

    def queries_for(query):
        client.get(SEARCH_URL, {"q": query})  # warms caches
        with CaptureQueriesContext(connection) as context:
            response = client.get(SEARCH_URL, {"q": query})
        assert response.status_code == 200
        return len(context.captured_queries), len(hit_titles(response))

    for number in range(25):
        document = make_document(f"Jugendmigrationsdienst Bericht {number}")
        page = make_page(f"Jugendmigrationsdienst {number}")
        page.body = [{"type": "document", "value": {"document": document.pk, "label": ""}}]
        page.save_revision().publish()
    make_page("Einzelstück Ausbildungspatenschaft")
    few_queries, few_hits = queries_for("Ausbildungspatenschaft")
    many_queries, many_hits = queries_for("Jugendmigrationsdienst")
    assert (few_hits, many_hits) == (1, 10)
    assert few_queries <= many_queries <= 8


def test_a_typo_gets_the_nearest_indexed_word(client, home_page):
    make_page("Quartiersmanagement in Halle")
    html = search(client, "Quartiersmanagment").content.decode()
    assert "Keine Treffer" in html
    assert 'Meinten Sie <a href="?q=Quartiersmanagement">Quartiersmanagement</a>?' in html
    assert hit_titles(search(client, "Quartiersmanagement")) == ["Quartiersmanagement in Halle"]


def test_no_suggestion_that_finds_nothing(client, home_page):
    make_page("Quartiersmanagement in Halle")
    # The nearest word exists, but not together with „Rostock“: no suggestion.
    make_page("Rostock")
    html = search(client, "Quartiersmanagment Rostock").content.decode()
    assert "Keine Treffer" in html
    assert "Meinten Sie" not in html
    # Nothing near enough: no suggestion either.
    assert "Meinten Sie" not in search(client, "Xylophonunterricht").content.decode()


def test_vocabulary_follows_the_index(client, home_page):
    from search.models import IndexedWord

    page = make_page("Stadtteilkonferenz")
    assert IndexedWord.objects.filter(word="stadtteilkonferenz").exists()
    page.title = "Nachbarschaftskonferenz"
    page.save_revision().publish()
    html = search(client, "Nachbarschaftskonfernz").content.decode()
    assert ">Nachbarschaftskonferenz</a>?" in html


def test_demo_site_finds_its_conferences_by_word_forms(client, home_page):
    """Issue 16 on `make run` (SQLite): „Netzwerk“ finds the April 2006 conference, and
    „Konferenz“ finds as much as „Konferenzen“."""
    import io

    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
    html = search(client, "Netzwerk").content.decode()
    assert "/zielgruppenkonferenz-quartiersmanagement-2006/" in html  # the April 2006 conference
    singular = search(client, "Konferenz").content.decode()
    plural = search(client, "Konferenzen").content.decode()
    count = singular.split('class="search-count" role="status">')[1].split(" Treffer")[0]
    assert count == plural.split('class="search-count" role="status">')[1].split(" Treffer")[0]
    assert int(count) > 1


def test_wagtails_own_search_finds_word_forms_too(home_page):
    """The admin searches through Wagtail's backend: on SQLite its query is stemmed like
    the full-text table (on PostgreSQL the German configuration does it)."""
    from wagtail.models import Page

    page = make_page("Lokale Bündnisse", text="Träger arbeiten in Netzwerken zusammen.")
    assert list(Page.objects.live().search("Netzwerke")) == [page.page_ptr]
    assert list(Page.objects.live().search('"Lokale Bündnisse"')) == [page.page_ptr]
