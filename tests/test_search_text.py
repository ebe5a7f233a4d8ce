"""Query cleaning and excerpts of the site search (no database)."""

from search.highlight import excerpt
from search.stemming import stem, stems
from search.text import MAX_QUERY_LENGTH, clean_query, query_words, single_line


def test_clean_query_removes_control_characters_and_caps_length():
    assert clean_query("  Jugend\x00hilfe \t\n Berlin\x1f ") == "Jugend hilfe Berlin"
    assert clean_query("\ud800Kita") == "Kita"  # a lone surrogate cannot be encoded
    assert len(clean_query("a" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""


def test_query_words_drop_operators_and_punctuation():
    assert query_words('"Soziale Stadt" OR -Kita* (E&C) 👍') == [
        "Soziale",
        "Stadt",
        "OR",
        "Kita",
        "E",
        "C",
    ]
    assert query_words("👍 !!! ___") == []


def test_single_line_keeps_literal_markup_for_escaping():
    assert single_line(" <b>Kinder</b> &amp;\n\n Jugend ") == "<b>Kinder</b> &amp; Jugend"


def test_stem_maps_german_word_forms_together():
    assert stem("Konferenzen") == stem("Konferenz") == "konferenz"
    assert stem("Netzwerken") == stem("Netzwerk") == stem("Netzwerke") == "netzwerk"
    assert stem("Häuser") == stem("Haus")
    assert stem("Kindelsberg") != stem("Kinder")
    assert stems("Kinder- und Jugendhilfe") == "kind und jugendhilf"


def test_excerpt_marks_whole_word_forms_only():
    result = excerpt("Die Häuser am Kindelsberg und die Kinder im Haus.", ["Kinder", "Haus"])
    assert "<mark>Häuser</mark>" in result
    assert "<mark>Kinder</mark>" in result
    assert "<mark>Haus</mark>" in result
    assert "Kindelsberg" in result and "<mark>Kindelsberg</mark>" not in result


def test_excerpt_marks_word_forms_of_the_query():
    text = "Auf der Konferenz in Berlin trafen sich Netzwerke aus 12 Gebieten."
    result = excerpt(text, ["Konferenzen", "Netzwerk"])
    assert "<mark>Konferenz</mark>" in result
    assert "<mark>Netzwerke</mark>" in result
    assert "<mark>Berlin</mark>" not in result


def test_excerpt_escapes_content_and_query():
    text = 'Vorher <script>alert("x")</script> Kita & Schule'
    result = excerpt(text, query_words("<script> Kita"))
    assert "<script>" not in result
    assert "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)" in result
    assert "<mark>Kita</mark> &amp; Schule" in result


def test_excerpt_starts_near_the_first_match_in_a_long_text():
    text = ("Füllwort " * 200) + "Quartiersmanagement im Stadtteil " + ("Rest " * 100)
    result = excerpt(text, ["Quartiersmanagement"])
    assert result.startswith("… ")
    assert "<mark>Quartiersmanagement</mark>" in result
    assert result.endswith(" …")
    assert len(result) < 400


def test_excerpt_without_match_shows_the_beginning():
    assert excerpt("Kurzer Text.", ["anderes"]) == "Kurzer Text."
    assert excerpt("", ["x"]) == ""


def test_excerpt_finds_a_match_at_the_end_of_a_whole_document():
    # A PDF's text: hundreds of pages before the one word looked for.
    text = ("Die Fachkräfte berichteten über ihre Erfahrungen im Quartier. " * 8000) + (
        "Zum Schluss: die Häuser an der Straße."
    )
    result = excerpt(text, ["Haus", "Strasse"])
    assert result.startswith("… ")
    assert "<mark>Häuser</mark>" in result
    assert "<mark>Straße</mark>" in result


def test_excerpt_finds_only_whole_words_with_the_stem():
    # „Kindelsberg“ begins like the stem of „Kinder“ but is another word.
    result = excerpt("Am Kindelsberg wohnen " + "viele " * 100 + "Kinder.", ["Kinder"])
    assert "<mark>Kinder</mark>" in result
    assert "<mark>Kindelsberg</mark>" not in result
