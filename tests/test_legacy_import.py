"""import_legacy: event pages, documents and redirects from a saved copy of the old site;
idempotent, never overwriting an editor's change; dry run; JSON report."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model

from conference.models import EventKind, EventPage, ParticipantsQualifier
from legacy.importer import import_legacy, resolve_link
from legacy.models import ImportedPage
from tests.factories.conference import event_folder
from tests.factories.documents import media_files
from tests.factories.legacy import SEED_PAGE, build_mirror, seed_mirror

Document = get_document_model()
SEED_OLD_PATH = "/" + SEED_PAGE
BOILERPLATE_WORDS = [
    "Basisinfo",
    "Regiestelle",
    "Gebietslisten",
    "Stand:",
    "nach oben",
    "Suche nach",
    "Newsletter",
    "Weitere Informationen zur Programmatik",
    "Stiftung SPI",
    "DIFU",
]


def run(path, *args):
    out = io.StringIO()
    call_command("import_legacy", str(path), *args, stdout=out)
    return out.getvalue()


def imported_page():
    return ImportedPage.objects.get(old_path=SEED_OLD_PATH).page.specific


@pytest.fixture
def folder(db):
    return event_folder()


@pytest.fixture
def mirror(tmp_path):
    return seed_mirror(tmp_path / "kopie")


def test_seed_page_becomes_an_event(folder, mirror):
    output = run(mirror, "--publish")
    assert "1 angelegt" in output
    page = imported_page()
    assert page.get_parent().specific == folder
    assert page.live
    assert page.event_kind == EventKind.TARGET_GROUP_CONFERENCE
    assert page.target_group == "Quartiersmanager/innen"
    assert page.motto.startswith("Die Soziale Stadt für Kinder und Jugendliche – Perspektiven")
    assert (page.start_date, page.end_date) == (date(2006, 4, 26), date(2006, 4, 27))
    assert (page.city, page.venue) == ("Berlin", "")
    assert (page.participants, page.participants_qualifier) == (
        120,
        ParticipantsQualifier.OVER,
    )
    assert page.title == "Zielgruppenkonferenz der Quartiersmanager/innen 2006"
    assert page.listing_summary.startswith("Über 120 Quartiersmanager/innen")
    assert page.summary == ""
    report_html = "".join(str(block.value) for block in page.report)
    assert report_html.count("<p>") == 6
    assert report_html.startswith("<p>Über 120 Quartiersmanager/innen")
    assert "„Freiräume entdecken, nutzen und integrierte Angebote entwickeln“" in report_html
    for word in BOILERPLATE_WORDS:
        assert word not in report_html
        assert word not in page.listing_summary
    (item,) = page.documentation.all()
    assert item.label == "Dokumentation herunterladen"
    assert item.document.collection.name == "2006"
    assert item.document.collection.get_parent().name == "Dokumentationen"
    assert item.document.page_count == 1
    record = ImportedPage.objects.get(old_path=SEED_OLD_PATH)
    assert record.stand == date(2000, 9, 18)
    assert record.old_pdf_paths == ["/pdf/doku_qm_2006.pdf"]


def test_old_paths_redirect_permanently(client, folder, mirror):
    run(mirror, "--publish")
    page = imported_page()
    response = client.get(SEED_OLD_PATH)
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)
    response = client.get("/pdf/doku_qm_2006.pdf")
    assert response.status_code == 301
    document = page.documentation.get().document
    assert response["Location"] == f"/dokumente/{document.pk}/"
    # through Wagtail's redirects: it follows the page when an editor moves it
    redirect = Redirect.objects.get(old_path=SEED_OLD_PATH)
    assert redirect.redirect_page_id == page.pk and redirect.is_permanent


def test_draft_by_default(folder, mirror):
    run(mirror)
    page = imported_page()
    assert not page.live
    assert page.has_unpublished_changes


def test_second_run_creates_nothing(folder, mirror):
    run(mirror, "--publish")
    counts = (EventPage.objects.count(), Document.objects.count(), Redirect.objects.count())
    revision = imported_page().latest_revision_id
    output = run(mirror, "--publish")
    assert "1 unverändert" in output
    assert (EventPage.objects.count(), Document.objects.count(), Redirect.objects.count()) == counts
    assert imported_page().latest_revision_id == revision


def test_changed_old_file_updates_the_page(folder, mirror):
    run(mirror)
    old_file = mirror / SEED_PAGE
    old_file.write_text(
        old_file.read_text("utf-8").replace("Und nur so, lautet ein Fazit", "Nur so, hieß es"),
        "utf-8",
    )
    output = run(mirror)
    assert "1 aktualisiert" in output
    assert EventPage.objects.count() == 1
    report_html = str(imported_page().get_latest_revision_as_object().report)
    assert "Nur so, hieß es" in report_html


def test_page_changed_by_an_editor_is_never_overwritten(folder, mirror):
    run(mirror, "--publish")
    page = imported_page()
    page.motto = "Von der Redaktion verbessert"
    page.save_revision().publish()
    old_file = mirror / SEED_PAGE
    old_file.write_text(old_file.read_text("utf-8").replace("Über 120", "Über 130"), "utf-8")
    report_file = mirror.parent / "bericht.json"
    run(mirror, "--publish", "--report", str(report_file))
    page = imported_page()
    assert page.motto == "Von der Redaktion verbessert"
    assert page.participants == 120
    (entry,) = json.loads(report_file.read_text("utf-8"))["files"]
    assert entry["status"] == "skipped"
    assert "in der Redaktion geändert" in entry["reason"]


def test_deleted_page_is_not_created_again(folder, mirror):
    run(mirror)
    imported_page().delete()
    output = run(mirror)
    assert "1 übersprungen" in output
    assert EventPage.objects.count() == 0


def test_dry_run_changes_nothing(folder, mirror):
    files_before = media_files()
    report_file = mirror.parent / "probelauf.json"
    output = run(mirror, "--dry-run", "--report", str(report_file))
    assert output.startswith(SEED_PAGE + ": angelegt")
    assert "Probelauf (nichts gespeichert): 1 angelegt" in output
    assert EventPage.objects.count() == 0
    assert Document.objects.count() == 0
    assert Redirect.objects.count() == 0
    assert ImportedPage.objects.count() == 0
    assert media_files() == files_before
    report = json.loads(report_file.read_text("utf-8"))
    assert report["dry_run"] is True
    (entry,) = report["files"]
    assert entry["status"] == "created"
    assert entry["documents"][0]["would_create"] is True


def test_report_of_a_whole_mirror(folder, tmp_path):
    mirror = build_mirror(tmp_path / "kopie")
    report_file = tmp_path / "bericht.json"
    run(mirror, "--report", str(report_file))
    report = json.loads(report_file.read_text("utf-8"))
    by_file = {entry["file"]: entry for entry in report["files"]}
    assert report["counts"] == {
        "created": 6,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
        "error": 0,
    }
    skipped = by_file["seiten/gebiete.html"]
    assert skipped["status"] == "skipped"
    assert skipped["status_label"] == "übersprungen"
    assert skipped["reason"].startswith("Keine Veranstaltungsseite")
    assert "Wilhelmsburg" in skipped["not_understood"]
    two_pdfs = by_file["seiten/info/cont_nachlese_040.html"]
    assert [item["title"] for item in two_pdfs["documents"]] == [
        "Dokumentation Teil 1: Vorträge",
        "Dokumentation Teil 2: Arbeitsgruppen",
    ]
    other = EventPage.objects.get(event_kind=EventKind.OTHER)
    assert other.title == "Jahrestreffen der Netzwerkerinnen: „Vernetzung vor Ort“"
    assert other.heading == other.title
    broken = by_file["seiten/info/cont_nachlese_kaputt.html"]["page"]
    assert EventPage.objects.get(pk=broken["id"]).motto.startswith("Übergänge gestalten")


def test_same_pdf_twice_is_one_document(folder, tmp_path):
    mirror = seed_mirror(tmp_path / "kopie")
    copy = mirror / "seiten/info/cont_nachlese_082.html"
    copy.write_text(
        (mirror / SEED_PAGE).read_text("utf-8").replace("26. und 27. April", "3. und 4. Mai"),
        "utf-8",
    )
    run(mirror)
    assert EventPage.objects.count() == 2
    assert Document.objects.count() == 1
    slugs = sorted(EventPage.objects.values_list("slug", flat=True))
    assert slugs[0] != slugs[1]


def test_refused_pdf_is_reported_and_page_kept(folder, tmp_path):
    mirror = seed_mirror(tmp_path / "kopie")
    (mirror / "pdf/doku_qm_2006.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    report_file = tmp_path / "bericht.json"
    run(mirror, "--report", str(report_file))
    (entry,) = json.loads(report_file.read_text("utf-8"))["files"]
    assert entry["status"] == "created"
    assert "passt nicht zur Endung" in entry["documents"][0]["problem"]
    assert Document.objects.count() == 0
    assert not imported_page().documentation.exists()


def test_missing_pdf_is_a_warning(folder, tmp_path):
    mirror = seed_mirror(tmp_path / "kopie")
    (mirror / "pdf/doku_qm_2006.pdf").unlink()
    report = import_legacy(mirror)
    (result,) = report.files
    assert result.status == "created"
    assert result.warnings == ["PDF nicht gefunden: /pdf/doku_qm_2006.pdf"]


def test_single_text_file(folder, tmp_path):
    from tests.factories.legacy import FIXTURES

    report = import_legacy(FIXTURES / "seed_nachlese.txt", dry_run=True)
    (result,) = report.files
    assert (result.status, result.old_path) == ("created", "/seed_nachlese.txt")


def test_without_events_folder_every_event_is_an_error(db, tmp_path):
    report = import_legacy(seed_mirror(tmp_path / "kopie"))
    (result,) = report.files
    assert result.status == "error"
    assert "Veranstaltungsordner" in result.reason


def test_missing_path_is_a_german_error(db, tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(tmp_path / "fehlt")


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../../pdf/a.pdf", "/pdf/a.pdf"),
        ("/pdf/a.pdf", "/pdf/a.pdf"),
        ("b.pdf", "/seiten/info/b.pdf"),
        ("http://www.eundc.de/pdf/Doku%20A.pdf", "/pdf/Doku A.pdf"),
        ("../../../../etc/passwd.pdf", None),
        ("mailto:x@example.org", None),
        ("", None),
    ],
)
def test_resolve_link(href, expected):
    assert resolve_link("/seiten/info/cont.html", href) == expected


def test_unchanged_draft_is_published_by_a_later_run(folder, mirror):
    run(mirror)
    assert not imported_page().live
    output = run(mirror, "--publish")
    assert "1 aktualisiert" in output
    assert "Unverändert, jetzt veröffentlicht." in output
    assert imported_page().live


def test_quiet_command_prints_only_the_counts(folder, mirror):
    output = run(mirror, "--dry-run", "--verbosity", "0")
    assert output.strip().splitlines() == [
        "Probelauf (nichts gespeichert): 1 angelegt, 0 aktualisiert, 0 unverändert, "
        "0 übersprungen, 0 Fehler."
    ]


def test_report_that_cannot_be_written_is_a_german_error(folder, mirror):
    with pytest.raises(CommandError, match="Bericht konnte nicht geschrieben werden"):
        run(mirror, "--dry-run", "--report", str(mirror / "fehlt" / "bericht.json"))


def test_unreadable_date_line_is_an_error_with_the_line(folder, tmp_path):
    page = tmp_path / "kopie" / "seiten" / "a.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        "<p>im Frühjahr 2006 in Berlin</p><h1>Fachforum der Kitas: „Sprache fördern“</h1>"
        "<p>Die Kitas der Gebiete berichteten über ihre Arbeit mit den Familien im Stadtteil.</p>",
        "utf-8",
    )
    (result,) = import_legacy(tmp_path / "kopie").files
    assert result.status == "error"
    assert result.reason == "Datumszeile nicht verstanden: „im Frühjahr 2006 in Berlin“"
    assert not EventPage.objects.exists()


def test_place_without_a_town(folder, tmp_path):
    page = tmp_path / "kopie" / "a.txt"
    page.parent.mkdir(parents=True)
    page.write_text(
        "3. Mai 2004\n\nFachforum der Kitas: „Sprache fördern“\n\n"
        "Die Kitas der Gebiete berichteten über ihre Arbeit mit den Familien im Stadtteil.",
        "utf-8",
    )
    (result,) = import_legacy(tmp_path / "kopie").files
    assert result.status == "created"
    assert result.warnings == ["Kein Ort in der Datumszeile – bitte in der Seite ergänzen."]
    assert EventPage.objects.get().city == "Ort unbekannt"


def test_existing_redirect_elsewhere_is_left_alone(folder, mirror):
    Redirect.add_redirect(SEED_OLD_PATH, redirect_to="/anderswo/", is_permanent=True)
    (result,) = import_legacy(mirror).files
    assert result.status == "created"
    assert any("gibt es schon eine andere Weiterleitung" in text for text in result.warnings)
    assert Redirect.objects.get(old_path=SEED_OLD_PATH).redirect_link == "/anderswo/"


def test_record_of_a_deleted_page_counts_as_unchanged_by_editors(folder, mirror):
    run(mirror)
    record = ImportedPage.objects.get()
    assert str(record) == SEED_OLD_PATH
    assert not record.changed_by_editor()
    imported_page().delete()
    record.refresh_from_db()
    assert record.page is None and not record.changed_by_editor()
