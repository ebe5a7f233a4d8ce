"""The columns of the area CSV files, shared by the import and the export.

A file exported from the Gebietslisten can be imported again unchanged."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str  # header in the CSV file
    field: str  # AreaPage field
    required: bool = False


COLUMNS = [
    Column("gebiets_id", "area_key", required=True),
    Column("gebiet", "title", required=True),
    Column("kommune", "municipality", required=True),
    Column("stadtteil", "district"),
    Column("bundesland", "bundesland", required=True),
    Column("art", "kind", required=True),
    Column("aufnahmejahr", "admission_year"),
    Column("status", "soziale_stadt_status"),
    Column("los", "los"),
    Column("kuq", "kuq"),
    Column("jugendamt", "jugendamt"),
    Column("beschreibung", "description"),
    Column("qm_organisation", "contact_organisation"),
    Column("qm_email", "contact_email"),
    Column("qm_telefon", "contact_phone"),
    Column("qm_web", "contact_url"),
]

COLUMN_NAMES = [column.name for column in COLUMNS]
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
FIELDS = [column.field for column in COLUMNS]

# A cell starting like this is a formula to a spreadsheet (OWASP's list); a leading
# apostrophe keeps it text. Text that starts with apostrophes before such a character
# gets one more, so that the import can tell the export's apostrophe from the text's own.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_guard(text):
    return text.lstrip("'").startswith(FORMULA_STARTS)


def guard_formula(text):
    """The cell the export writes for ``text``."""
    return "'" + text if _needs_guard(text) else text


def unguard_formula(cell):
    """The text the import reads from ``cell``: exactly undoes ``guard_formula``."""
    return cell[1:] if cell.startswith("'") and _needs_guard(cell[1:]) else cell
