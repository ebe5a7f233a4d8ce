"""Reading old pages: encodings, boilerplate, heading, participants, report, PDF links."""

from datetime import date

import pytest

from conference.models import EventKind, ParticipantsQualifier
from legacy.boilerplate import is_boilerplate
from legacy.decoding import decode_old_file, repair_mojibake
from legacy.heading import parse_heading, parse_participants
from legacy.page import read_old_page
from legacy.places import split_place
from legacy.text import german_quotes
from tests.factories.legacy import fixture_bytes

SEED_MOTTO = (
    "Die Soziale Stadt für Kinder und Jugendliche – Perspektiven von Quartiersentwicklung "
    "und Lokalem Aktionsplan in E&C-Gebieten"
)
BOILERPLATE = [
    "Basisinfo",
    "Basisinfo | Regiestelle | Programm",
    "E&C Ankündigungen | E&C Rückblick | Veranstaltungstipps",
    "Gebietslisten",
    "Stand:18.9.2000",
    "Stand: 2.8.06",
    "top",
    "nach oben",
    "zur Übersicht Rückblick Basisinfo | Regiestelle | Programm",
    "Suche nach:",
    "Der E&C Newsletter versorgt Sie stets aktuell mit den neuesten Informationen",
    "Weitere Informationen zur Programmatik sowie Materialien zum Nachlesen und zum Download:",
    "Dokumentation herunterladen",
    "Stiftung SPI",
    "Institut für soziale Arbeit",
    "DJI",
    "Soziale Stadt",
    "BMFSFJ",
    "DIFU",
    "Start",
]


def seed_page(name="cont_nachlese_081.html"):
    return read_old_page(fixture_bytes(name), "/seiten/info/" + name)


@pytest.mark.parametrize("name", ["cont_nachlese_081.html", "seed_nachlese.txt"])
def test_seed_page_html_and_text(name):
    page = seed_page(name)
    assert page.is_event
    assert page.stand == date(2000, 9, 18)
    assert page.dates == {"start": date(2006, 4, 26), "end": date(2006, 4, 27), "place": "Berlin"}
    assert page.heading.kind == EventKind.TARGET_GROUP_CONFERENCE
    assert page.heading.target_group == "Quartiersmanager/innen"
    assert page.heading.motto == SEED_MOTTO
    assert page.participants == (120, ParticipantsQualifier.OVER)
    assert len(page.paragraphs) == 6
    assert page.paragraphs[0].startswith("Über 120 Quartiersmanager/innen")
    assert page.paragraphs[-1] == "Die Dokumentation der Konferenz kann heruntergeladen werden."
    # quotes normalised to „…“
    assert "„Freiräume entdecken, nutzen und integrierte Angebote entwickeln“" in page.paragraphs[2]
    for paragraph in page.paragraphs:
        assert not any(paragraph == line for line in BOILERPLATE)
        assert "Stand:" not in paragraph
        assert "Suche nach" not in paragraph
    assert page.not_understood == []


def test_seed_html_links_its_pdf():
    page = seed_page()
    assert [(link.href, link.text) for link in page.pdf_links] == [
        ("../../pdf/doku_qm_2006.pdf", "Dokumentation herunterladen")
    ]


def test_announcement_in_windows_1252_with_br_soup():
    page = seed_page("cont_ankuend_112.html")
    assert page.encoding == "cp1252"
    assert page.dates == {
        "start": date(2006, 9, 14),
        "end": date(2006, 9, 15),
        "place": "Leipzig",
    }
    assert page.heading.kind == EventKind.FORUM
    assert page.heading.motto == "Gesundheit im Stadtteil – Kinder stark machen"
    assert page.participants is None
    assert page.paragraphs[1].endswith("bis zum Stadtteilmütter-Projekt.")
    assert "„bewegten Kita“" in page.paragraphs[1]
    assert page.pdf_links == []


def test_page_without_pdf_place_before_numeric_date():
    page = seed_page("cont_nachlese_050.html")
    assert page.dates == {"start": date(2005, 5, 23), "end": date(2005, 5, 24), "place": "Hamburg"}
    assert page.heading.kind == EventKind.WORKSHOP
    assert page.heading.target_group == "Jugendämter"
    assert page.participants == (40, ParticipantsQualifier.ABOUT)
    assert page.pdf_links == []
    assert len(page.paragraphs) == 2


def test_page_with_two_pdfs_and_old_quotes():
    page = seed_page("cont_nachlese_040.html")
    assert page.dates["start"] == date(2004, 11, 30)
    assert page.dates["end"] == date(2004, 12, 1)
    assert page.heading.motto == "Schule öffnet sich dem Stadtteil"
    assert page.participants == (160, ParticipantsQualifier.MORE_THAN)
    assert [link.text for link in page.pdf_links] == [
        "Dokumentation Teil 1: Vorträge",
        "Dokumentation Teil 2: Arbeitsgruppen",
    ]
    assert page.not_understood == []


def test_broken_encoding_windows_1252_labelled_utf8():
    page = seed_page("cont_nachlese_kaputt.html")
    assert page.encoding == "cp1252"
    assert page.dates["place"] == "Köln"
    assert page.heading.motto.startswith("Übergänge gestalten")
    assert page.participants == (90, ParticipantsQualifier.OVER)


def test_unknown_kind_keeps_its_heading():
    page = seed_page("cont_nachlese_030.html")
    assert page.heading.kind == EventKind.OTHER
    assert page.heading.title == "Jahrestreffen der Netzwerkerinnen: „Vernetzung vor Ort“"
    assert page.dates["place"] == "Bochum"


def test_not_an_event():
    page = seed_page("gebiete.html")
    assert not page.is_event
    assert "Keine Veranstaltungsseite" in page.problem


def test_heading_with_unreadable_date_is_reported():
    html = (
        "<p>im Frühjahr 2006 in Berlin</p><h1>Fachforum der Kitas: „Sprache fördern“</h1>"
        "<p>Die Kitas der E&amp;C-Gebiete berichteten über ihre Arbeit mit den Familien.</p>"
    ).encode()
    page = read_old_page(html, "/x.html")
    assert not page.is_event
    assert page.heading is not None
    assert page.problem == "Datumszeile nicht verstanden: „im Frühjahr 2006 in Berlin“"


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Die Dokumentation der Konferenz kann heruntergeladen werden.",
        "Soziale Stadt und Jugendhilfe arbeiten in den Gebieten zusammen.",
    ],
)
def test_report_sentences_are_no_boilerplate(line):
    assert not is_boilerplate(line)


def test_decoding():
    assert decode_old_file("Übergänge".encode()) == ("Übergänge", "utf-8")
    assert decode_old_file(b"\xef\xbb\xbfStra\xc3\x9fe") == ("Straße", "utf-8")
    text, encoding = decode_old_file("<meta charset=iso-8859-1>„Übergänge“".encode("cp1252"))
    assert (text.endswith("„Übergänge“"), encoding) == (True, "cp1252")
    assert repair_mojibake("Ãœbergänge".replace("ä", "Ã¤")) == "Übergänge"
    assert repair_mojibake("Übergänge") == "Übergänge"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Motto “Freiräume entdecken“ wurde", "Motto „Freiräume entdecken“ wurde"),
        ('Fachforum: "Schule"', "Fachforum: „Schule“"),
        ("Fachtagung: ,,Schule''", "Fachtagung: „Schule“"),
        ("Motto »Vielfalt«", "Motto „Vielfalt“"),
        ("schon „richtig“", "schon „richtig“"),
    ],
)
def test_german_quotes(text, expected):
    assert german_quotes(text) == expected


@pytest.mark.parametrize(
    ("line", "kind", "group", "motto"),
    [
        (
            "E&C-Zielgruppenkonferenz der Jugendämter: „Jugendhilfe im Sozialraum“",
            EventKind.TARGET_GROUP_CONFERENCE,
            "Jugendämter",
            "Jugendhilfe im Sozialraum",
        ),
        ("Bilanzkonferenz: „Zehn Jahre E&C“", EventKind.REVIEW_CONFERENCE, "", "Zehn Jahre E&C"),
        (
            "Europäische Fachkonferenz: „Cities for Children“",
            EventKind.EUROPEAN_CONFERENCE,
            "",
            "Cities for Children",
        ),
        ("Auftaktveranstaltung der Programmplattform", EventKind.KICK_OFF, "Programmplattform", ""),
    ],
)
def test_headings(line, kind, group, motto):
    heading = parse_heading(line)
    assert (heading.kind, heading.target_group, heading.motto) == (kind, group, motto)


@pytest.mark.parametrize("line", ["Gebietslisten", "Impressum: Angaben", "Programm", ""])
def test_no_heading(line):
    assert parse_heading(line) is None


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Über 120 Teilnehmende diskutierten", (120, ParticipantsQualifier.OVER)),
        ("Rund 400 Fachleute", (400, ParticipantsQualifier.ABOUT)),
        ("Etwa 60 Netzwerkerinnen", (60, ParticipantsQualifier.ABOUT)),
        ("Mehr als 160 Fachleute", (160, ParticipantsQualifier.MORE_THAN)),
        ("120 Vertreterinnen und Vertreter", (120, ParticipantsQualifier.EXACT)),
        ("Über 1.200 Besucherinnen", (1200, ParticipantsQualifier.OVER)),
        ("Knapp 100 Teilnehmende", None),
        ("2006 kamen Fachleute", None),
        ("Am 26. April diskutierten 120 Fachleute", None),
    ],
)
def test_participants(paragraph, expected):
    assert parse_participants(paragraph) == expected


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Berlin", ("Berlin", "")),
        ("Rathaus Schöneberg, Berlin", ("Berlin", "Rathaus Schöneberg")),
        ("Halle (Saale)", ("Halle (Saale)", "")),
        ("Bochum und Dortmund", ("Bochum und Dortmund", "")),
        ("Wien, Österreich", ("Wien, Österreich", "")),
        ("Jugendherberge Köln-Deutz", ("", "Jugendherberge Köln-Deutz")),
        (None, ("", "")),
    ],
)
def test_split_place(place, expected):
    assert split_place(place) == expected


def test_date_line_broken_over_lines():
    html = (
        "<p>am 14. November 2001<br>in<br>Berlin</p>"
        "<p><b>Fachforum der Kitas: „Sprache fördern“</b></p>"
        "<p>Über 50 Erzieherinnen berichteten über ihre Arbeit mit den Familien im Stadtteil.</p>"
    ).encode()
    page = read_old_page(html, "/x.html")
    assert page.dates == {"start": date(2001, 11, 14), "end": date(2001, 11, 14), "place": "Berlin"}
    assert page.not_understood == []


def test_date_line_after_the_heading():
    text = (
        "Fachtagung der Jugendämter: „Hilfen aus einer Hand“\n\n"
        "3. und 4. Mai 2004 in Hamburg\n\n"
        "Rund 80 Fachleute aus Jugendämtern und Trägern diskutierten zwei Tage lang."
    ).encode()
    page = read_old_page(text, "/x.txt")
    assert page.dates["place"] == "Hamburg"
    assert page.paragraphs == [
        "Rund 80 Fachleute aus Jugendämtern und Trägern diskutierten zwei Tage lang."
    ]


def test_heading_split_by_br_in_a_heading_tag():
    html = (
        "<p>3. Mai 2004 in Hamburg</p>"
        "<h1>Fachtagung der Jugendämter:<br>„Hilfen aus einer Hand“</h1>"
        "<p>Rund 80 Fachleute aus Jugendämtern und Trägern diskutierten zwei Tage lang.</p>"
    ).encode()
    page = read_old_page(html, "/x.html")
    assert page.heading.motto == "Hilfen aus einer Hand"
    assert page.dates["start"] == date(2004, 5, 3)


def test_latin1_without_declaration():
    raw = "<p>Größere Übergänge für Jugendliche in München und Köln</p>".encode("cp1252")
    text, encoding = decode_old_file(raw * 20)
    assert "Größere Übergänge" in text
    assert encoding in ("cp1252", "iso8859-15", "iso8859_15", "latin-9")


def test_stand_with_two_digit_year_and_impossible_stand():
    text = "Stand: 2.8.06\n\n3. Mai 2004 in Hamburg\n\nFachforum: „Sprache“\n\nText."
    assert read_old_page(text.encode(), "/x.txt").stand == date(2006, 8, 2)
    text = text.replace("2.8.06", "31.2.2006")
    assert read_old_page(text.encode(), "/x.txt").stand is None


@pytest.mark.parametrize(
    "heading",
    [
        "<p><b>Zielgruppenkonferenz der Jugendämter:<br>„Hilfen aus einer Hand“</b></p>",
        "<p>Zielgruppenkonferenz der Jugendämter<br>„Hilfen aus einer Hand“</p>",
        "<h2>Zielgruppenkonferenz der Jugendämter: <i>„Hilfen<br>aus einer Hand“</i></h2>",
    ],
)
def test_heading_on_two_lines(heading):
    html = (
        "<p>3. Mai 2004 in Hamburg</p>" + heading + "<p>Rund 80 Fachleute aus Jugendämtern und "
        "Trägern diskutierten zwei Tage lang über Hilfen aus einer Hand.</p>"
    ).encode()
    page = read_old_page(html, "/x.html")
    assert (page.heading.target_group, page.heading.motto) == (
        "Jugendämter",
        "Hilfen aus einer Hand",
    )
    assert page.paragraphs == [
        "Rund 80 Fachleute aus Jugendämtern und Trägern diskutierten zwei Tage lang über Hilfen "
        "aus einer Hand."
    ]
    assert page.not_understood == []
