"""The German date and place line: every case the old site printed, and its edges."""

from datetime import date, time

import pytest
from django.utils import dateformat, translation

from conference.dates import format_date_line, format_date_range, format_time_range


@pytest.mark.parametrize(
    ("start", "end", "city", "venue", "expected"),
    [
        # One day; an end equal to the start is still one day.
        (date(2005, 5, 3), None, "Leipzig", "", "3. Mai 2005 in Leipzig"),
        (date(2005, 5, 3), date(2005, 5, 3), "Leipzig", "", "3. Mai 2005 in Leipzig"),
        # Two consecutive days: "und".
        (date(2006, 4, 26), date(2006, 4, 27), "Berlin", "", "26. und 27. April 2006 in Berlin"),
        # More days in one month: "bis".
        (date(2006, 4, 26), date(2006, 4, 28), "Berlin", "", "26. bis 28. April 2006 in Berlin"),
        # Across a month: both months, the year once.
        (date(2006, 4, 30), date(2006, 5, 2), "", "", "30. April bis 2. Mai 2006"),
        # Across a year: both full dates.
        (date(2005, 12, 30), date(2006, 1, 2), "", "", "30. Dezember 2005 bis 2. Januar 2006"),
        # Two consecutive days across a month and across a year.
        (date(2006, 4, 30), date(2006, 5, 1), "Berlin", "", "30. April und 1. Mai 2006 in Berlin"),
        (date(2005, 12, 31), date(2006, 1, 1), "", "", "31. Dezember 2005 und 1. Januar 2006"),
        # With a venue.
        (
            date(2006, 4, 26),
            date(2006, 4, 27),
            "Berlin",
            "Rathaus Schöneberg",
            "26. und 27. April 2006 in Berlin, Rathaus Schöneberg",
        ),
        (date(2005, 5, 3), None, "", "Rathaus Schöneberg", "3. Mai 2005 in Rathaus Schöneberg"),
        # Blank place parts are ignored.
        (date(2005, 5, 3), None, "  ", "  ", "3. Mai 2005"),
        # März keeps its umlaut; every month name is German.
        (date(2004, 3, 1), None, "Köln", "", "1. März 2004 in Köln"),
    ],
)
def test_date_line(start, end, city, venue, expected):
    assert format_date_line(start, end, city, venue) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name(month):
    # Django's German locale as the independent source of the month names.
    day = date(2006, month, 1)
    with translation.override("de"):
        expected = dateformat.format(day, "j. F Y")
    assert format_date_range(day) == expected


def test_an_end_before_the_start_is_treated_as_one_day():
    # The model forbids it; the line still never says something wrong.
    assert format_date_range(date(2006, 4, 27), date(2006, 4, 26)) == "27. April 2006"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(10, 0), time(17, 30), "10:00 bis 17:30 Uhr"),
        (time(9, 5), None, "ab 09:05 Uhr"),
        (None, time(16, 0), "bis 16:00 Uhr"),
        (None, None, ""),
    ],
)
def test_time_range(start, end, expected):
    assert format_time_range(start, end) == expected
