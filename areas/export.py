"""CSV export of the Gebietslisten in the import format (re-importable as it is).

Semicolon-separated UTF-8 with a byte order mark, so that Excel opens it directly."""

import csv
import io

from .choices import Bundesland, Gebietsart, SozialeStadtStatus
from .columns import COLUMN_NAMES, FIELDS, guard_formula

LABELS = {
    "bundesland": dict(Bundesland.choices),
    "kind": dict(Gebietsart.choices),
    "soziale_stadt_status": dict(SozialeStadtStatus.choices),
}


def cell(area, field_name):
    value = getattr(area, field_name)
    if field_name in LABELS:
        return LABELS[field_name].get(value, value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    text = "" if value is None else str(value)
    return guard_formula(text)


def areas_as_csv(areas):
    """The areas (AreaPage instances with the CSV fields loaded) as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for area in areas:
        writer.writerow([cell(area, field_name) for field_name in FIELDS])
    return "\ufeff" + buffer.getvalue()
