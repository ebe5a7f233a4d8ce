"""Meta descriptions: every page has one, from what the editor wrote or the page's first
paragraph, at most 160 characters, cut after a whole word."""

import re

import pytest

from home.descriptions import shorten
from tests.factories.home import SectionPageFactory

pytestmark = pytest.mark.django_db


def description(client, path):
    html = client.get(path).content.decode()
    return re.findall(r'<meta name="description" content="([^"]*)">', html)


def test_shorten_cuts_after_a_whole_word():
    text = "Zielgruppenkonferenz " * 12
    short = shorten(text)
    assert len(short) <= 160 and short.endswith("Zielgruppenkonferenz…")
    assert shorten("<p>E&amp;C   vor\\nOrt</p>".replace("\\n", "\n")) == "E&amp;C vor Ort"
    assert shorten("kurz") == "kurz"


def test_the_first_paragraph_stands_in_for_a_missing_summary(client, home_page):
    SectionPageFactory(
        title="Programm",
        slug="programm",
        intro="",
        body=[
            {"type": "heading", "value": {"text": "Überschrift", "level": "h2"}},
            {"type": "paragraph", "value": '<p>Das <a href="/x/">Programm</a> fördert.</p>'},
        ],
    )
    assert description(client, "/programm/") == ["Das Programm fördert."]


def test_the_editors_search_description_comes_first(client, home_page):
    page = SectionPageFactory(title="Programm", slug="programm", intro="Einleitung")
    page.search_description = "Von der Redaktion & für Suchmaschinen"
    page.save_revision().publish()
    assert description(client, "/programm/") == ["Von der Redaktion &amp; für Suchmaschinen"]


def test_pages_without_a_page_have_the_sites_description(client, home_page):
    for path in ("/suche/?q=Netzwerk", "/gibt-es-nicht/"):
        found = description(client, path)
        assert len(found) == 1 and found[0].startswith("E&amp;C – Entwicklung und Chancen")


def test_a_preview_without_the_editors_words_lets_the_checker_report_it(home_page):
    from django.test import Client

    page = SectionPageFactory(
        title="Programm",
        slug="programm",
        intro="",
        body=[{"type": "paragraph", "value": "<p>Nur ein Absatz.</p>"}],
    )
    preview = page.make_preview_request().content.decode()
    assert '<meta name="description" content="">' in preview  # Wagtail's empty-meta-description
    live = Client().get("/programm/").content.decode()
    assert '<meta name="description" content="Nur ein Absatz.">' in live

    page.search_description = "Worum es im Programm geht."
    assert (
        '<meta name="description" content="">' not in page.make_preview_request().content.decode()
    )
