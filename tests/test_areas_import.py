"""The CSV import of areas: encodings, separators, every kind of bad row, all or nothing,
re-import counts; the management command and the admin view."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from areas.columns import COLUMN_NAMES
from areas.importer import plan_import, run_import
from areas.models import AreaPage
from tests.factories.areas import AreaIndexPageFactory
from tests.login import log_in

GOOD_ROWS = [
    {
        "gebiets_id": "BE-001",
        "gebiet": "Rollbergsiedlung",
        "kommune": "Berlin",
        "stadtteil": "Neukölln",
        "bundesland": "Berlin",
        "art": "soziale-stadt",
        "aufnahmejahr": "1999",
        "status": "aktiv",
        "los": "ja",
        "kuq": "nein",
        "jugendamt": "Jugendamt Neukölln",
        "beschreibung": "Siedlung der 1970er-Jahre; „Rollberg“, sagen alle.",
        "qm_organisation": "Quartiersmanagement Rollberg",
        "qm_email": "qm@example.org",
        "qm_telefon": "030 555 01",
        "qm_web": "https://example.org/rollberg/",
    },
    {
        "gebiets_id": "BY-004",
        "gebiet": "Fichtelgebirge",
        "kommune": "Landkreis Wunsiedel i. Fichtelgebirge",
        "bundesland": "BY",
        "art": "Strukturschwache ländliche Region",
        "los": "x",
        "kuq": "",
    },
    {
        "gebiets_id": "TH-001",
        "gebiet": "Herrenberg",
        "kommune": "Erfurt",
        "bundesland": "thueringen",
        "art": "soziale-stadt",
        "aufnahmejahr": "2001",
        "status": "Teilnahme ruhend",
        "qm_web": "www.example.org/herrenberg",
    },
]


def csv_bytes(rows, delimiter=";", encoding="utf-8", bom=False, columns=COLUMN_NAMES):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def with_changes(index, **changes):
    rows = [dict(row) for row in GOOD_ROWS]
    rows[index].update(changes)
    return rows


@pytest.fixture
def index(db):
    return AreaIndexPageFactory()


@pytest.mark.django_db
class TestGoodFiles:
    @pytest.mark.parametrize(
        ("encoding", "bom", "delimiter", "expected_encoding"),
        [
            ("utf-8", False, ";", "UTF-8"),
            ("utf-8", True, ",", "UTF-8"),
            ("cp1252", False, ";", "Windows-1252"),
            ("cp1252", False, ",", "Windows-1252"),
            ("utf-8", False, "\t", "UTF-8"),
            # Excel's „Unicode-Text“: UTF-16 with byte order mark, tab-separated.
            ("utf-16", False, "\t", "UTF-16 (Excel „Unicode-Text“)"),
            ("utf-16-be", False, ";", "UTF-16 (Excel „Unicode-Text“)"),
        ],
    )
    def test_encodings_and_separators(self, index, encoding, bom, delimiter, expected_encoding):
        raw = csv_bytes(GOOD_ROWS, delimiter=delimiter, encoding=encoding, bom=bom)
        if encoding == "utf-16-be":
            raw = b"\xfe\xff" + raw
        plan = run_import(raw, index)
        assert plan.errors == []
        assert (plan.encoding, plan.delimiter) == (expected_encoding, delimiter)
        assert len(plan.created) == 3
        area = AreaPage.objects.get(area_key="BE-001")
        assert area.live and area.get_parent().pk == index.pk
        assert area.district == "Neukölln"
        assert area.description == "Siedlung der 1970er-Jahre; „Rollberg“, sagen alle."
        assert area.slug == "berlin-rollbergsiedlung"
        assert area.los and not area.kuq
        assert area.revisions.count() == 1 and not area.has_unpublished_changes

    def test_values_are_normalised(self, index):
        run_import(csv_bytes(GOOD_ROWS), index)
        rural = AreaPage.objects.get(area_key="BY-004")
        assert (rural.bundesland, rural.kind) == ("bayern", "laendliche-region")
        assert rural.admission_year is None and rural.soziale_stadt_status == ""
        assert rural.slug == "landkreis-wunsiedel-i-fichtelgebirge-fichtelgebirge"
        herrenberg = AreaPage.objects.get(area_key="TH-001")
        assert herrenberg.soziale_stadt_status == "ruhend"
        assert herrenberg.contact_url == "https://www.example.org/herrenberg"

    def test_multi_line_values_keep_line_numbers_right(self, index):
        rows = with_changes(0, beschreibung="Erste Zeile\nzweite Zeile")
        rows[2]["bundesland"] = "Thüringenn"
        plan = plan_import(csv_bytes(rows), index)
        # header line 1, first row lines 2-3, second row line 4, third row line 5
        assert [str(error) for error in plan.errors] == [
            "Zeile 5, Spalte „bundesland“: „Thüringenn“ ist kein Bundesland. "
            "Meinten Sie „Thüringen“?"
        ]

    def test_keys_are_upper_case_and_trailing_empty_cells_ignored(self, index):
        raw = csv_bytes(with_changes(0, gebiets_id="be-001")[:1]).rstrip(b"\r\n") + b";;\r\n"
        plan = run_import(raw, index)
        assert plan.ok, plan.errors
        assert AreaPage.objects.get().area_key == "BE-001"
        again = run_import(csv_bytes(GOOD_ROWS[:1]), index)
        assert len(again.unchanged) == 1

    def test_empty_lines_are_skipped(self, index):
        raw = csv_bytes(GOOD_ROWS[:1]) + b";;;;;;;;;;;;;;;\r\n\r\n"
        plan = run_import(raw, index)
        assert plan.ok and len(plan.created) == 1


BAD_ROWS = [
    (
        {"bundesland": "Bayernn"},
        "Zeile 2, Spalte „bundesland“: „Bayernn“ ist kein Bundesland. Meinten Sie „Bayern“?",
    ),
    (
        {"bundesland": "Preußen"},
        "Zeile 2, Spalte „bundesland“: „Preußen“ ist kein Bundesland.",
    ),
    ({"gebiet": ""}, "Zeile 2, Spalte „gebiet“: Darf nicht leer sein."),
    ({"kommune": "  "}, "Zeile 2, Spalte „kommune“: Darf nicht leer sein."),
    ({"gebiets_id": "BE 001"}, "Zeile 2, Spalte „gebiets_id“: Nur Buchstaben ohne Umlaute"),
    ({"art": "Dorf"}, "Zeile 2, Spalte „art“: „Dorf“ ist keine Gebietsart."),
    ({"aufnahmejahr": "neunzehn"}, "Zeile 2, Spalte „aufnahmejahr“: Bitte geben Sie eine Jahres"),
    ({"aufnahmejahr": "1990"}, "Zeile 2, Spalte „aufnahmejahr“: Die Soziale Stadt begann 1999."),
    ({"status": "schläft"}, "Zeile 2, Spalte „status“: „schläft“ ist kein Status."),
    ({"status": ""}, "Zeile 2, Spalte „status“: Bitte geben Sie den Status in der Sozialen Stadt"),
    ({"los": "vielleicht"}, "Zeile 2, Spalte „los“: „vielleicht“ ist kein Ja/Nein-Wert."),
    ({"qm_email": "qm@"}, "Zeile 2, Spalte „qm_email“: Das ist keine gültige E-Mail-Adresse."),
    ({"qm_web": "http://"}, "Zeile 2, Spalte „qm_web“: Das ist keine gültige Webadresse."),
    ({"kommune": "x" * 121}, "Zeile 2, Spalte „kommune“:"),
    (
        {"art": "laendliche-region"},
        "Zeile 2, Spalte „aufnahmejahr“: Eine ländliche Region gehört nicht zur Sozialen Stadt",
    ),
]


@pytest.mark.django_db
class TestBadRows:
    @pytest.mark.parametrize(("changes", "message"), BAD_ROWS)
    def test_each_kind_of_bad_row(self, index, changes, message):
        plan = run_import(csv_bytes(with_changes(0, **changes)), index)
        assert not plan.ok
        assert any(str(error).startswith(message) for error in plan.errors), plan.errors
        assert not AreaPage.objects.exists()

    def test_duplicate_key(self, index):
        rows = with_changes(2, gebiets_id="BE-001")
        plan = run_import(csv_bytes(rows), index)
        assert [str(error) for error in plan.errors] == [
            "Zeile 4, Spalte „gebiets_id“: „BE-001“ steht schon in Zeile 2; "
            "jede Gebiets-ID darf nur einmal vorkommen."
        ]

    def test_wrong_number_of_values(self, index):
        raw = csv_bytes(GOOD_ROWS[:1]) + b"BE-002;Nur;drei\r\n"
        plan = run_import(raw, index)
        assert [str(error) for error in plan.errors] == [
            "Zeile 3: 3 Werte statt 16. Fehlt ein Trennzeichen oder steht eines zu viel "
            "in der Zeile?"
        ]

    def test_all_errors_are_collected(self, index):
        rows = with_changes(0, bundesland="Bayernn", qm_email="nein")
        rows[2]["art"] = "Dorf"
        plan = run_import(csv_bytes(rows), index)
        assert [(error.line, error.column) for error in plan.errors] == [
            (2, "bundesland"),
            (2, "qm_email"),
            (4, "art"),
        ]

    def test_unknown_and_missing_columns(self, index):
        columns = [name for name in COLUMN_NAMES if name != "bundesland"] + ["land"]
        plan = run_import(csv_bytes(GOOD_ROWS, columns=columns), index)
        messages = [str(error) for error in plan.errors]
        assert messages[0].startswith("Zeile 1, Spalte „land“: Unbekannte Spalte.")
        assert messages[1] == "Zeile 1, Spalte „bundesland“: Diese Pflichtspalte fehlt."

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (b"", "Die Datei ist leer."),
            (b"PK\x03\x04xlsx", "Das ist eine Excel-Arbeitsmappe, keine CSV-Datei."),
            (b"\x00\x01\x02", "Die Datei ist keine lesbare Textdatei"),
            (b"\xef\xbb\xbfgebiets_id\xff", "Die Datei beginnt wie eine UTF-8-Datei"),
        ],
    )
    def test_unreadable_files(self, index, raw, message):
        plan = run_import(raw, index)
        assert str(plan.errors[0]).startswith(message)

    def test_utf16_without_byte_order_mark_is_refused_naming_encoding_and_separator(self, index):
        raw = csv_bytes(GOOD_ROWS, delimiter="\t", encoding="utf-16-le")
        plan = run_import(raw, index)
        message = str(plan.errors[0])
        assert "UTF-16" in message and "Tabulator" in message and "UTF-8" in message
        assert not AreaPage.objects.exists()


@pytest.mark.django_db
class TestAllOrNothingAndReimport:
    def test_one_bad_row_changes_nothing(self, index):
        run_import(csv_bytes(GOOD_ROWS[:2]), index)
        rows = with_changes(0, gebiet="Rollberg (neu)")
        rows[1]["aufnahmejahr"] = "1899"
        plan = run_import(csv_bytes(rows), index)
        assert not plan.ok and not plan.applied
        assert AreaPage.objects.count() == 2
        assert AreaPage.objects.get(area_key="BE-001").title == "Rollbergsiedlung"

    def test_reimport_counts_created_updated_unchanged(self, index):
        first = run_import(csv_bytes(GOOD_ROWS[:2]), index)
        assert (len(first.created), len(first.updated), len(first.unchanged)) == (2, 0, 0)

        again = run_import(csv_bytes(GOOD_ROWS[:2]), index)
        assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
        assert AreaPage.objects.get(area_key="BE-001").revisions.count() == 1

        rows = with_changes(0, gebiet="Rollberg", kuq="ja")
        changed = run_import(csv_bytes(rows), index)
        assert (len(changed.created), len(changed.updated), len(changed.unchanged)) == (1, 1, 1)
        assert changed.summary() == "1 neu, 1 aktualisiert, 1 unverändert"
        assert changed.updated[0].changed_columns == ["gebiet", "kuq"]
        area = AreaPage.objects.get(area_key="BE-001")
        assert (area.title, area.kuq, area.revisions.count()) == ("Rollberg", True, 2)
        assert area.slug == "berlin-rollbergsiedlung"  # the address stays
        assert AreaPage.objects.get(area_key="BY-004").revisions.count() == 1

    def test_dry_run_writes_nothing(self, index):
        plan = run_import(csv_bytes(GOOD_ROWS), index, dry_run=True)
        assert len(plan.created) == 3 and not plan.applied
        assert not AreaPage.objects.exists()

    def test_slugs_do_not_collide(self, index):
        rows = [GOOD_ROWS[0], {**GOOD_ROWS[0], "gebiets_id": "BE-002"}]
        run_import(csv_bytes(rows), index)
        slugs = sorted(AreaPage.objects.values_list("slug", flat=True))
        assert slugs == ["berlin-rollbergsiedlung", "berlin-rollbergsiedlung-be-002"]

    def test_slugs_of_lands_are_never_given(self, index):
        # "Sachsen" + "Anhalt" would give the address of the Land page sachsen-anhalt/.
        rows = [{**GOOD_ROWS[0], "kommune": "Sachsen", "gebiet": "Anhalt"}]
        run_import(csv_bytes(rows), index)
        assert AreaPage.objects.get().slug == "sachsen-anhalt-be-001"

    def test_export_can_be_imported_again_unchanged(self, index, client):
        run_import(csv_bytes(GOOD_ROWS), index)
        exported = client.get("/gebietslisten/csv/").content
        plan = plan_import(exported, index)
        assert plan.ok, plan.errors
        assert (len(plan.created), len(plan.updated), len(plan.unchanged)) == (0, 0, 3)


@pytest.mark.django_db
class TestCommand:
    def test_import_and_dry_run(self, index, tmp_path):
        path = tmp_path / "gebiete.csv"
        path.write_bytes(csv_bytes(GOOD_ROWS, encoding="cp1252"))
        out = io.StringIO()
        call_command("import_areas", str(path), "--dry-run", stdout=out)
        assert "Probelauf, nichts gespeichert – Gebiete: 3 neu, 0 aktualisiert" in out.getvalue()
        assert not AreaPage.objects.exists()
        out = io.StringIO()
        call_command("import_areas", str(path), stdout=out)
        assert "Gebiete: 3 neu, 0 aktualisiert, 0 unverändert" in out.getvalue()
        assert "Windows-1252" in out.getvalue()
        assert AreaPage.objects.count() == 3

    def test_errors_fail_the_command(self, index, tmp_path):
        path = tmp_path / "gebiete.csv"
        path.write_bytes(csv_bytes(with_changes(1, bundesland="Bayernn")))
        err = io.StringIO()
        with pytest.raises(CommandError, match="1 Fehler. Es wurde nichts geändert."):
            call_command("import_areas", str(path), stderr=err)
        assert "Zeile 3, Spalte „bundesland“: „Bayernn“ ist kein Bundesland." in err.getvalue()
        assert not AreaPage.objects.exists()

    def test_missing_file(self, index, tmp_path):
        with pytest.raises(CommandError, match="kann nicht gelesen werden"):
            call_command("import_areas", str(tmp_path / "fehlt.csv"))


def upload(client, raw, name="gebiete.csv"):
    return client.post(reverse("areas_import"), {"file": SimpleUploadedFile(name, raw, "text/csv")})


@pytest.mark.django_db
class TestAdminView:
    @pytest.fixture
    def admin_client(self, client, index):
        user = User.objects.create_superuser("admin", "admin@example.org", "pw")
        log_in(client, user)
        return client

    def test_upload_preview_apply(self, admin_client, index):
        menu = admin_client.get(reverse("wagtailadmin_home"))
        assert "Gebiete importieren" in menu.content.decode()

        response = upload(admin_client, csv_bytes(GOOD_ROWS, encoding="cp1252"))
        assert response.status_code == 302
        preview_url = response["Location"]
        preview = admin_client.get(preview_url)
        html = preview.content.decode()
        assert "3 neu, 0 aktualisiert, 0 unverändert." in html
        assert "Windows-1252" in html and "Rollbergsiedlung" in html
        assert not AreaPage.objects.exists()

        response = admin_client.post(preview_url)
        assert response.status_code == 302
        assert AreaPage.objects.count() == 3
        assert AreaPage.objects.get(area_key="BE-001").owner.username == "admin"
        # The stored file is gone once applied.
        response = admin_client.post(preview_url, follow=True)
        assert "Die Datei ist nicht mehr vorhanden" in response.content.decode()

    def test_a_new_upload_replaces_the_pending_one(self, admin_client, index):
        first = upload(admin_client, csv_bytes(GOOD_ROWS))["Location"]
        second = upload(admin_client, csv_bytes(GOOD_ROWS[:1]))["Location"]
        assert "Die Datei ist nicht mehr vorhanden" in (
            admin_client.get(first, follow=True).content.decode()
        )
        assert "1 neu, 0 aktualisiert" in admin_client.get(second).content.decode()

    def test_preview_lists_errors_and_offers_no_apply(self, admin_client, index):
        response = upload(admin_client, csv_bytes(with_changes(0, bundesland="Bayernn")))
        preview = admin_client.get(response["Location"])
        html = preview.content.decode()
        assert "1 Fehler – es wird nichts importiert." in html
        assert "Zeile 2, Spalte „bundesland“: „Bayernn“ ist kein Bundesland." in html
        assert "Import ausführen" not in html
        admin_client.post(response["Location"])
        assert not AreaPage.objects.exists()

    def test_preview_names_excel_unicode_text_and_the_tab(self, admin_client, index):
        raw = csv_bytes(GOOD_ROWS, delimiter="\t", encoding="utf-16")
        html = admin_client.get(upload(admin_client, raw)["Location"]).content.decode()
        assert "Kodierung UTF-16 (Excel „Unicode-Text“), Trennzeichen Tabulator" in html
        assert "3 neu, 0 aktualisiert" in html

    def test_unreadable_upload_gets_a_message(self, admin_client, index):
        response = upload(admin_client, b"PK\x03\x04xlsx", name="gebiete.xlsx")
        assert response.status_code == 200
        assert "Das ist eine Excel-Arbeitsmappe" in response.content.decode()
        response = admin_client.post(reverse("areas_import"), {})
        assert "Bitte wählen Sie eine CSV-Datei aus." in response.content.decode()

    def test_editor_without_page_permissions_may_not_import(self, client, index):
        user = User.objects.create_user("leser", "leser@example.org", "pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        log_in(client, user)
        # Wagtail answers PermissionDenied in the admin with a redirect and a message.
        response = client.get(reverse("areas_import"), follow=True)
        assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
        assert "Gebiete importieren" not in response.content.decode()
        assert upload(client, csv_bytes(GOOD_ROWS))["Location"] == reverse("wagtailadmin_home")
        assert not AreaPage.objects.exists()

    def test_moderators_may_import(self, client, index):
        from django.contrib.auth.models import Group

        user = User.objects.create_user("moderation", "m@example.org", "pw")
        user.groups.add(Group.objects.get(name="Moderation"))
        log_in(client, user)
        response = upload(client, csv_bytes(GOOD_ROWS))
        assert response.status_code == 302
