"""The German date and place line of an event, built from its fields.

Pure functions without locale or database: the month names are spelled out here so the
line reads the same on every server."""

from datetime import timedelta

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def format_day(day, with_month=True, with_year=True):
    """``3. Mai 2005``; without month ``3.``, without year ``3. Mai``."""
    text = f"{day.day}."
    if with_month:
        text += f" {MONTHS[day.month - 1]}"
        if with_year:
            text += f" {day.year}"
    return text


def format_date_range(start, end=None):
    """``3. Mai 2005``, ``26. und 27. April 2006``, ``26. bis 28. April 2006``,
    ``30. April bis 2. Mai 2006``, ``30. Dezember 2005 bis 2. Januar 2006``."""
    if end is None or end <= start:
        return format_day(start)
    joiner = "und" if end - start == timedelta(days=1) else "bis"
    if start.year != end.year:
        first = format_day(start)
    elif start.month != end.month:
        first = format_day(start, with_year=False)
    else:
        first = format_day(start, with_month=False)
    return f"{first} {joiner} {format_day(end)}"


def format_place(city="", venue=""):
    """``Berlin``, ``Berlin, Rathaus Schöneberg`` or only the venue."""
    return ", ".join(part.strip() for part in (city or "", venue or "") if part and part.strip())


def format_date_line(start, end=None, city="", venue=""):
    """``26. und 27. April 2006 in Berlin, Rathaus Schöneberg``."""
    line = format_date_range(start, end)
    place = format_place(city, venue)
    return f"{line} in {place}" if place else line


def format_time_range(start_time=None, end_time=None):
    """``10:00 bis 17:30 Uhr``, ``ab 10:00 Uhr``, ``bis 17:30 Uhr`` or an empty string."""
    if start_time and end_time:
        return f"{start_time:%H:%M} bis {end_time:%H:%M} Uhr"
    if start_time:
        return f"ab {start_time:%H:%M} Uhr"
    if end_time:
        return f"bis {end_time:%H:%M} Uhr"
    return ""
