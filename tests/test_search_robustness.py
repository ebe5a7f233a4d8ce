"""No input makes the search page fail."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.text import MAX_QUERY_LENGTH
from tests.search_helpers import SEARCH_URL, make_document, make_page

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    "x" * 10_000,
    '"Soziale Stadt"',
    '"unbalanced',
    "Kita AND NOT Schule OR (Jugend*",
    "-Kita +Schule ~2 ^3 title:Kita",
    "' OR 1=1; DROP TABLE wagtailcore_page; --",
    "Kita\x00Schule",
    "\x01\x02\x1b[31m\x7f\x85",
    "👩‍👩‍👧 🏳️‍🌈",
    "\u200b\u200e\ufeff",
    "&amp; &lt;b&gt; <b>fett</b>",
    "%00 %ff %",
    "\\ \\\\ \\'",
    "der die das",  # only German stop words
    "* ? : ! & | ( ) < > @ # ~",
    "a" * 199 + "ä",
]


@pytest.fixture
def content(home_page):
    make_page("Soziale Stadt", text="Kita, Schule und Jugendhilfe im Stadtteil.")
    make_document("Soziale Stadt Dokumentation")


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_odd_queries_give_a_normal_page(client, content, query):
    response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200
    assert "Treffer für „" in response.content.decode()


def test_a_query_of_control_characters_only_is_no_search(client, content):
    response = client.get(SEARCH_URL, {"q": "\x00\x01 \x1b\x7f\x85"})
    assert client.get(SEARCH_URL, {"q": "\x00"}).status_code == 200
    assert response.status_code == 200
    html = response.content.decode()
    assert "Treffer" not in html
    assert 'id="suchfeld-seite"' in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999999999999999999", "", "\x00"])
def test_bad_page_numbers_give_a_normal_page(client, content, page):
    response = client.get(SEARCH_URL, {"q": "Stadt", "page": page})
    assert response.status_code == 200
    assert "Treffer für „Stadt“" in response.content.decode()


def test_query_is_capped(client, content):
    html = client.get(SEARCH_URL, {"q": "Stadt " + "y" * 1000}).content.decode()
    assert "y" * MAX_QUERY_LENGTH not in html
    assert "y" * (MAX_QUERY_LENGTH - len("Stadt ")) in html


def test_repeated_parameters_and_other_parameters(client, content):
    response = client.get(SEARCH_URL + "?q=Stadt&q=Kita&page=1&page=2&typ=seite&typ=x&foo=bar")
    assert response.status_code == 200


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.text(max_size=300),
    page=st.one_of(st.none(), st.text(max_size=20)),
    type_slug=st.one_of(st.none(), st.sampled_from(["seite", "dokument"]), st.text(max_size=20)),
)
def test_no_query_string_makes_the_view_fail(client, content, query, page, type_slug):
    params = {"q": query}
    if page is not None:
        params["page"] = page
    if type_slug is not None:
        params["typ"] = type_slug
    response = client.get(SEARCH_URL, params)
    assert response.status_code == 200
    assert "max-age=0" in response["Cache-Control"]
