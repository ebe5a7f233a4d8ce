"""CSV import of E&C areas, used by the admin view, ``manage.py import_areas`` and the
demo content.

A file is read in two steps: ``plan_import`` decodes it, checks every row and compares
it with the areas that exist (nothing is written); ``apply_import`` then creates and
updates the pages, all in one transaction. A file with a single bad row changes nothing.

Rows are matched by the column ``gebiets_id``: a new key creates a published area page
under the Gebietslisten, a known key updates that page (a new revision, published) if a
value differs and leaves it alone otherwise."""

import codecs
import csv
import difflib
import io
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from wagtail.models import PageLogEntry

from home.german import german_slug

from .choices import (
    BUNDESLAND_ABBREVIATIONS,
    FIRST_ADMISSION_YEAR,
    LAST_ADMISSION_YEAR,
    Bundesland,
    Gebietsart,
    SozialeStadtStatus,
    programme_errors,
)
from .columns import COLUMN_BY_FIELD, COLUMN_NAMES, COLUMNS, unguard_formula
from .models import AREA_KEY_VALIDATOR, RESERVED_SLUGS, AreaPage

MAX_FILE_SIZE = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a CSV file, unknown encoding, ...)."""


@dataclass
class RowError:
    line: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.line and self.column:
            return f"Zeile {self.line}, Spalte „{self.column}“: {self.message}"
        if self.line:
            return f"Zeile {self.line}: {self.message}"
        return self.message


@dataclass
class AreaChange:
    """One valid row: the values for the page and, for a known key, the page."""

    line: int
    values: dict
    page: AreaPage | None = None
    changed_fields: list = field(default_factory=list)
    slug: str = ""  # the address of a new area

    @property
    def key(self):
        return self.values["area_key"]

    @property
    def title(self):
        return self.values["title"]

    @property
    def changed_columns(self):
        return [COLUMN_BY_FIELD[name].name for name in self.changed_fields]


@dataclass
class ImportPlan:
    encoding: str = ""
    delimiter: str = ""
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    applied: bool = False

    @property
    def delimiter_label(self):
        return DELIMITER_LABELS.get(self.delimiter, f"„{self.delimiter}“")

    @property
    def ok(self):
        return not self.errors

    @property
    def row_count(self):
        return len(self.created) + len(self.updated) + len(self.unchanged)

    def summary(self):
        return (
            f"{len(self.created)} neu, {len(self.updated)} aktualisiert, "
            f"{len(self.unchanged)} unverändert"
        )


# --- Reading the file ---------------------------------------------------------------


EXCEL_UNICODE_TEXT = "UTF-16 (Excel „Unicode-Text“)"
DELIMITER_LABELS = {"\t": "Tabulator", ";": "Semikolon", ",": "Komma"}


def decode(raw):
    """The text of the file and the name of its encoding: UTF-8 (with or without a
    byte order mark), UTF-16 with its byte order mark (Excel's „Unicode-Text“) or,
    failing those, Windows-1252 as Excel writes it."""
    if raw.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            "Das ist eine Excel-Arbeitsmappe, keine CSV-Datei. Bitte wählen Sie in Excel "
            "„Speichern unter“ mit dem Dateityp „CSV UTF-8 (durch Trennzeichen getrennt)“."
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), EXCEL_UNICODE_TEXT
        except UnicodeDecodeError as error:
            raise ImportFileError(
                "Die Datei beginnt wie eine UTF-16-Datei (Excel „Unicode-Text“), enthält aber "
                "ungültige Zeichen. Bitte speichern Sie sie als „CSV UTF-8 (durch Trennzeichen "
                "getrennt)“ mit Semikolon als Trennzeichen."
            ) from error
    if b"\x00" in raw:
        raise ImportFileError(
            "Die Datei ist keine lesbare Textdatei: Sie enthält Nullbytes, wie UTF-16 ohne "
            "Byte-Order-Mark oder eine Binärdatei. Lesbar sind UTF-8, UTF-16 (Excel "
            "„Unicode-Text“, mit Tabulator als Trennzeichen) und Windows-1252; als "
            "Trennzeichen Semikolon, Komma oder Tabulator. Bitte speichern Sie die Datei in "
            "Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“."
        )
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as error:
            raise ImportFileError(
                "Die Datei beginnt wie eine UTF-8-Datei, enthält aber ungültige Zeichen."
            ) from error
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "Die Zeichenkodierung der Datei ist unbekannt. Bitte speichern Sie sie als UTF-8 "
            "oder Windows-1252 (Excel: „CSV (Trennzeichen-getrennt)“)."
        ) from error


def detect_delimiter(text):
    """Tab, ``;`` or ``,``: the one the header line holds most often. The header holds only
    column names, so counting is exact there, where a sniffer can be misled by commas in
    descriptions. On a tie ``;`` wins over ``,`` (Excel's German CSV)."""
    header = text.lstrip().split("\n", 1)[0]
    return max((";", "\t", ","), key=header.count)


# --- Checking one row -------------------------------------------------------------------


def _normalise(value):
    return " ".join(value.strip().casefold().split())


class LookupField(forms.Field):
    """A value from a fixed vocabulary, written as its key, its label or an alias."""

    def __init__(self, choices, message, aliases=None, **kwargs):
        super().__init__(**kwargs)
        self.lookup = {}
        self.labels = {_normalise(label): label for _, label in choices}
        for value, label in choices:
            self.lookup[_normalise(value)] = value
            self.lookup[_normalise(label)] = value
        for alias, value in (aliases or {}).items():
            self.lookup[_normalise(alias)] = value
        self.message = message

    def to_python(self, value):
        if not value:
            return ""
        try:
            return str(self.lookup[_normalise(value)])
        except KeyError:
            message = self.message.format(value=value)
            guess = difflib.get_close_matches(_normalise(value), self.labels, n=1, cutoff=0.8)
            if guess:
                message += f" Meinten Sie „{self.labels[guess[0]]}“?"
            raise forms.ValidationError(message) from None


class YesNoField(forms.Field):
    YES = {"ja", "j", "x", "1", "true", "wahr", "yes"}
    NO = {"nein", "n", "0", "false", "falsch", "no", "-", ""}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        normalised = _normalise(value or "")
        if normalised in self.YES:
            return True
        if normalised in self.NO:
            return False
        raise forms.ValidationError(
            f"„{value}“ ist kein Ja/Nein-Wert. Erlaubt sind „ja“, „nein“, „x“, „1“, „0“ "
            "oder ein leeres Feld."
        )


REQUIRED = {"required": "Darf nicht leer sein."}


def _text(max_length, required=False):
    return forms.CharField(max_length=max_length, required=required, error_messages=REQUIRED)


class AreaRowForm(forms.Form):
    """One CSV row; the field names are the column names."""

    gebiets_id = forms.CharField(
        max_length=20, validators=[AREA_KEY_VALIDATOR], error_messages=REQUIRED
    )
    gebiet = _text(255, required=True)
    kommune = _text(120, required=True)
    stadtteil = _text(120)
    bundesland = LookupField(
        Bundesland.choices,
        "„{value}“ ist kein Bundesland.",
        aliases=BUNDESLAND_ABBREVIATIONS,
        error_messages=REQUIRED,
    )
    art = LookupField(
        Gebietsart.choices,
        "„{value}“ ist keine Gebietsart. Erlaubt sind „soziale-stadt“ und "
        "„laendliche-region“ (oder die ausgeschriebenen Namen).",
        aliases={
            "städtisch": Gebietsart.SOZIALE_STADT,
            "soziale stadt": Gebietsart.SOZIALE_STADT,
            "ländlich": Gebietsart.LAENDLICHE_REGION,
            "ländliche region": Gebietsart.LAENDLICHE_REGION,
        },
        error_messages=REQUIRED,
    )
    aufnahmejahr = forms.IntegerField(
        required=False,
        min_value=FIRST_ADMISSION_YEAR,
        max_value=LAST_ADMISSION_YEAR,
        error_messages={
            "invalid": "Bitte geben Sie eine Jahreszahl wie „2001“ an.",
            "min_value": f"Die Soziale Stadt begann {FIRST_ADMISSION_YEAR}.",
            "max_value": f"Aufnahmen sind bis {LAST_ADMISSION_YEAR} möglich.",
        },
    )
    status = LookupField(
        SozialeStadtStatus.choices,
        "„{value}“ ist kein Status. Erlaubt sind „aktiv“, „ruhend“ und „beendet“.",
        required=False,
    )
    los = YesNoField()
    kuq = YesNoField()
    jugendamt = _text(200)
    beschreibung = _text(5000)
    qm_organisation = _text(200)
    qm_email = forms.EmailField(
        required=False,
        max_length=254,
        error_messages={"invalid": "Das ist keine gültige E-Mail-Adresse."},
    )
    qm_telefon = _text(50)
    qm_web = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Das ist keine gültige Webadresse."},
    )

    def clean_gebiets_id(self):
        return self.cleaned_data["gebiets_id"].upper()

    def clean(self):
        data = super().clean()
        field_errors = programme_errors(
            data.get("art"), data.get("aufnahmejahr"), data.get("status")
        )
        for field_name, message in field_errors.items():
            column = COLUMN_BY_FIELD[field_name].name
            if column not in self.errors:
                self.add_error(column, message)
        return data

    def page_values(self):
        values = {column.field: self.cleaned_data[column.name] for column in COLUMNS}
        for name in ("district", "jugendamt", "description", "soziale_stadt_status"):
            values[name] = values[name] or ""
        return values


# --- Planning and applying -------------------------------------------------------------


def _read_header(reader, errors):
    try:
        raw_header = next(reader)
    except StopIteration:
        errors.append(RowError(None, None, "Die Datei ist leer."))
        return None
    header = [_normalise(name) for name in raw_header]
    for name in header:
        if name and name not in COLUMN_NAMES:
            errors.append(
                RowError(1, name, "Unbekannte Spalte. Erlaubt sind: " + ", ".join(COLUMN_NAMES))
            )
    for name in {name for name in header if header.count(name) > 1 and name}:
        errors.append(RowError(1, name, "Die Spalte kommt mehrfach vor."))
    for column in COLUMNS:
        if column.required and column.name not in header:
            errors.append(RowError(1, column.name, "Diese Pflichtspalte fehlt."))
    return header


def _read_rows(text, delimiter, errors):
    """Checked rows as ``(line, values)``; problems go to ``errors``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _read_header(reader, errors)
    if header is None or errors:
        return []
    rows = []
    previous_line = reader.line_num
    try:
        for cells in reader:
            line, previous_line = previous_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
                cells = cells[: len(header)]  # Excel's empty trailing cells
            if len(cells) != len(header):
                errors.append(
                    RowError(
                        line,
                        None,
                        f"{len(cells)} Werte statt {len(header)}. Fehlt ein Trennzeichen "
                        "oder steht eines zu viel in der Zeile?",
                    )
                )
                continue
            values = {
                name: unguard_formula(cell.strip())
                for name, cell in zip(header, cells, strict=True)
                if name
            }
            form = AreaRowForm(data=values)
            if not form.is_valid():
                for column in COLUMN_NAMES:
                    errors.extend(
                        RowError(line, column, message) for message in form.errors.get(column, [])
                    )
                continue
            rows.append((line, form.page_values()))
    except csv.Error as error:
        errors.append(
            RowError(reader.line_num, None, f"Die Zeile ist kein gültiges CSV ({error}).")
        )
    return rows


def read_file(raw):
    """The text and encoding of an uploaded file; ``ImportFileError`` if unreadable."""
    if len(raw) > MAX_FILE_SIZE:
        raise ImportFileError(f"Die Datei ist größer als {MAX_FILE_SIZE // (1024 * 1024)} MB.")
    return decode(raw)


def plan_import(raw, index, create_only=False):
    """Reads ``raw`` (bytes) and compares it with the areas under ``index``; writes
    nothing. With ``create_only`` rows of known areas count as unchanged whatever
    they say (the demo content never overwrites an editor's changes)."""
    try:
        text, encoding = read_file(raw)
    except ImportFileError as error:
        plan = ImportPlan()
        plan.errors.append(RowError(None, None, str(error)))
        return plan
    return plan_text(text, index, encoding=encoding, create_only=create_only)


def plan_text(text, index, encoding="UTF-8", create_only=False):
    """``plan_import`` for text already decoded (the admin keeps it between steps)."""
    plan = ImportPlan(encoding=encoding, delimiter=detect_delimiter(text))
    rows = _read_rows(text, plan.delimiter, plan.errors)

    first_line_of = {}
    for line, values in rows:
        key = values["area_key"]
        if key in first_line_of:
            plan.errors.append(
                RowError(
                    line,
                    "gebiets_id",
                    f"„{key}“ steht schon in Zeile {first_line_of[key]}; "
                    "jede Gebiets-ID darf nur einmal vorkommen.",
                )
            )
        else:
            first_line_of[key] = line
    if not plan.ok:
        return plan

    existing = {
        page.area_key: page for page in AreaPage.objects.filter(area_key__in=list(first_line_of))
    }
    for line, values in rows:
        page = existing.get(values["area_key"])
        change = AreaChange(line, values, page)
        if page is None:
            plan.created.append(change)
        elif create_only:
            plan.unchanged.append(change)
        else:
            change.changed_fields = [
                name for name, value in values.items() if getattr(page, name) != value
            ]
            (plan.updated if change.changed_fields else plan.unchanged).append(change)
    _assign_slugs(plan.created, index)
    return plan


def _assign_slugs(changes, index):
    """Readable, unique slugs ("berlin-rollbergsiedlung") for new areas."""
    taken = set(index.get_children().values_list("slug", flat=True)) | RESERVED_SLUGS
    for change in changes:
        base = german_slug(f"{change.values['municipality']} {change.title}")[:70].strip("-")
        slug = base or german_slug(change.key)
        if slug in taken:
            slug = f"{base}-{german_slug(change.key)}".strip("-")
        counter = 2
        candidate = slug
        while candidate in taken:
            candidate = f"{slug}-{counter}"
            counter += 1
        taken.add(candidate)
        change.slug = candidate


def apply_import(plan, index, user=None):
    """Creates and updates the pages of a plan without errors, all or nothing."""
    if not plan.ok:
        raise ValueError("Ein Import mit Fehlern kann nicht ausgeführt werden.")
    with transaction.atomic():
        for change in plan.created:
            page = AreaPage(slug=change.slug, owner=user, **change.values)
            index.add_child(instance=page)
            PageLogEntry.objects.log_action(page, "wagtail.create", user=user)
            page.save_revision(user=user, log_action=True).publish(user=user)
            change.page = page
        for change in plan.updated:
            page = change.page
            for name in change.changed_fields:
                setattr(page, name, change.values[name])
            page.save_revision(user=user, log_action=True).publish(user=user)
    plan.applied = True
    return plan


def run_import(raw, index, user=None, dry_run=False, create_only=False):
    """Plans and, unless ``dry_run`` or the file has errors, applies the import."""
    with transaction.atomic():
        plan = plan_import(raw, index, create_only=create_only)
        if plan.ok and not dry_run:
            apply_import(plan, index, user=user)
    return plan
