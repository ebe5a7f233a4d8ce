"""parse_date_line: the date-and-place lines of old programme pages, as they were written."""

from datetime import date

import pytest

from legacy.dateline import parse_date_line

D = date

# (line, start, end, place)
CASES = [
    # the seed and its close relatives
    ("26. und 27. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    ("26. und 27. April 2006 in Berlin.", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    ("26.und 27.April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    ("26. u. 27. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    ("26. & 27. April 2006, Berlin", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    ("26. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26. April 2006", D(2006, 4, 26), D(2006, 4, 26), None),
    ("am 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), None),
    # day ranges: bis, dash, en dash, slash
    ("14. bis 16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("vom 14. bis zum 16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("14.-16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("14. - 16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("14.–16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("14. – 16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("14.—16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("14./15. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 15), "Köln"),
    ("14. / 15. Mai 2003, Köln", D(2003, 5, 14), D(2003, 5, 15), "Köln"),
    ("14-16. Mai 2003 in Köln", D(2003, 5, 14), D(2003, 5, 16), "Köln"),
    ("13., 14. und 15. März 2002, Hamburg", D(2002, 3, 13), D(2002, 3, 15), "Hamburg"),
    # numeric months, with and without year, two-digit years
    ("23. und 24. 05. 2006", D(2006, 5, 23), D(2006, 5, 24), None),
    ("23. und 24.05.2006 in Leipzig", D(2006, 5, 23), D(2006, 5, 24), "Leipzig"),
    ("30.05. - 31.05.2016", D(2016, 5, 30), D(2016, 5, 31), None),
    ("30.05.-31.05.16 in Erfurt", D(2016, 5, 30), D(2016, 5, 31), "Erfurt"),
    ("26.04.2006", D(2006, 4, 26), D(2006, 4, 26), None),
    ("26.4.06 in Bremen", D(2006, 4, 26), D(2006, 4, 26), "Bremen"),
    ("26. 4. 2006, Bremen", D(2006, 4, 26), D(2006, 4, 26), "Bremen"),
    ("3.-4.11.05 in Bochum", D(2005, 11, 3), D(2005, 11, 4), "Bochum"),
    ("14./15.11.2005 in Magdeburg", D(2005, 11, 14), D(2005, 11, 15), "Magdeburg"),
    (
        "26.-27.4.2006 in der Jugendherberge Köln-Deutz",
        D(2006, 4, 26),
        D(2006, 4, 27),
        "Jugendherberge Köln-Deutz",
    ),
    ("am 2.12.99 in Potsdam", D(1999, 12, 2), D(1999, 12, 2), "Potsdam"),
    ("vom 2. bis 4. Juli 99 in Essen", D(1999, 7, 2), D(1999, 7, 4), "Essen"),
    ("30.11.-1.12.2004 in Halle", D(2004, 11, 30), D(2004, 12, 1), "Halle"),
    # German month names and abbreviations
    ("14./15. Sept. 2003 in Leipzig", D(2003, 9, 14), D(2003, 9, 15), "Leipzig"),
    ("14./15. Sep. 2003 in Leipzig", D(2003, 9, 14), D(2003, 9, 15), "Leipzig"),
    ("5. Okt. 2004 in Kassel", D(2004, 10, 5), D(2004, 10, 5), "Kassel"),
    ("1. Dez. 2004 in Kassel", D(2004, 12, 1), D(2004, 12, 1), "Kassel"),
    ("3. Febr. 2005 in Kiel", D(2005, 2, 3), D(2005, 2, 3), "Kiel"),
    ("3. Feb 2005 in Kiel", D(2005, 2, 3), D(2005, 2, 3), "Kiel"),
    ("12. März 2001 in Nürnberg", D(2001, 3, 12), D(2001, 3, 12), "Nürnberg"),
    ("12. Maerz 2001 in Nuernberg", D(2001, 3, 12), D(2001, 3, 12), "Nuernberg"),
    ("12. MÄRZ 2001 IN NÜRNBERG", D(2001, 3, 12), D(2001, 3, 12), "NÜRNBERG"),
    ("7. Jan. 2002 in Rostock", D(2002, 1, 7), D(2002, 1, 7), "Rostock"),
    ("7. Jänner 2002 in Wien", D(2002, 1, 7), D(2002, 1, 7), "Wien"),
    ("21. Aug. 2003 in Gera", D(2003, 8, 21), D(2003, 8, 21), "Gera"),
    ("21. Jun. 2003 in Gera", D(2003, 6, 21), D(2003, 6, 21), "Gera"),
    ("21. Jul 2003 in Gera", D(2003, 7, 21), D(2003, 7, 21), "Gera"),
    ("8. Nov. 2000 in Bonn", D(2000, 11, 8), D(2000, 11, 8), "Bonn"),
    ("8. November 2000 in Bonn", D(2000, 11, 8), D(2000, 11, 8), "Bonn"),
    ("26 April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    # across months and years
    ("30. April bis 2. Mai 2004 in Magdeburg", D(2004, 4, 30), D(2004, 5, 2), "Magdeburg"),
    ("vom 30. April bis 2. Mai 2004 in Magdeburg", D(2004, 4, 30), D(2004, 5, 2), "Magdeburg"),
    ("30. April und 1. Mai 2004, Magdeburg", D(2004, 4, 30), D(2004, 5, 1), "Magdeburg"),
    ("30. Dezember 2004 bis 2. Januar 2005 in Weimar", D(2004, 12, 30), D(2005, 1, 2), "Weimar"),
    ("30. Dezember bis 2. Januar 2005 in Weimar", D(2004, 12, 30), D(2005, 1, 2), "Weimar"),
    ("30.12.04 - 02.01.05 in Weimar", D(2004, 12, 30), D(2005, 1, 2), "Weimar"),
    ("31.10. bis 2.11.2002 in Dresden", D(2002, 10, 31), D(2002, 11, 2), "Dresden"),
    # lead-ins
    (
        "Dokumentation der Veranstaltung vom 26. April 2006 in Berlin",
        D(2006, 4, 26),
        D(2006, 4, 26),
        "Berlin",
    ),
    ("Fachtagung: 3. und 4. Mai 2004 in Hamburg", D(2004, 5, 3), D(2004, 5, 4), "Hamburg"),
    ("Termin: 3. Mai 2004, Hamburg", D(2004, 5, 3), D(2004, 5, 3), "Hamburg"),
    ("Datum: 03.05.2004 Ort: Hamburg", D(2004, 5, 3), D(2004, 5, 3), "Hamburg"),
    (
        "E&C-Fachforum: 5. und 6. Dezember 2002 in Halle (Saale)",
        D(2002, 12, 5),
        D(2002, 12, 6),
        "Halle (Saale)",
    ),
    ("3. Bundeskonferenz am 26. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    (
        "Zielgruppenkonferenz vom 11. bis 13. Juni 2001 in Dresden",
        D(2001, 6, 11),
        D(2001, 6, 13),
        "Dresden",
    ),
    # weekdays and times of day
    ("Donnerstag, 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), None),
    ("Donnerstag, den 26. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Montag, 3. bis Mittwoch, 5. Mai 2004 in Köln", D(2004, 5, 3), D(2004, 5, 5), "Köln"),
    ("Do., 26.04.2006, Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Sa./So. 3./4. Mai 2003 in Kiel", D(2003, 5, 3), D(2003, 5, 4), "Kiel"),
    (
        "26.4.2006, 10:00 - 17:00 Uhr, Rathaus Schöneberg, Berlin",
        D(2006, 4, 26),
        D(2006, 4, 26),
        "Rathaus Schöneberg, Berlin",
    ),
    ("am 26. April 2006 um 10.00 Uhr in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    (
        "26. April (10 Uhr) bis 27. April 2006 (13 Uhr) in Berlin",
        D(2006, 4, 26),
        D(2006, 4, 27),
        "Berlin",
    ),
    ("26. April 2006 - 10:00 Uhr - Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Freitag, 12. März 2004, 10.00 – 16.00 Uhr, Berlin", D(2004, 3, 12), D(2004, 3, 12), "Berlin"),
    ("12. März 2004 (Freitag) in Berlin", D(2004, 3, 12), D(2004, 3, 12), "Berlin"),
    ("Mo., 3.11. – Mi., 5.11.2003 in Hannover", D(2003, 11, 3), D(2003, 11, 5), "Hannover"),
    (
        "Termin: 3. Dezember 2002, 10:00 bis 16:30 Uhr; Ort: Bonn",
        D(2002, 12, 3),
        D(2002, 12, 3),
        "Bonn",
    ),
    (
        "Veranstaltung am 26.04.2006 von 10 bis 16 Uhr in Berlin",
        D(2006, 4, 26),
        D(2006, 4, 26),
        "Berlin",
    ),
    ("26.04.2006 10 Uhr Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    # the place after „in“, „nach“, a comma, a pipe, a dash, in parentheses, before the date
    ("26. April 2006 nach Brüssel", D(2006, 4, 26), D(2006, 4, 26), "Brüssel"),
    ("26.04.2006 | Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Berlin | 26.04.2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26. April 2006 – Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26. April 2006 (Berlin)", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("(26. April 2006, Berlin)", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Leipzig, 14./15. Sept. 2003", D(2003, 9, 14), D(2003, 9, 15), "Leipzig"),
    ("Leipzig, den 14. September 2003", D(2003, 9, 14), D(2003, 9, 14), "Leipzig"),
    ("Leipzig, am 14. September 2003", D(2003, 9, 14), D(2003, 9, 14), "Leipzig"),
    ("Frankfurt a.M., 3.5.2004", D(2004, 5, 3), D(2004, 5, 3), "Frankfurt a.M."),
    ("Fachtagung in Leipzig am 3. Mai 2004", D(2004, 5, 3), D(2004, 5, 3), "Leipzig"),
    ("Zielgruppenkonferenz, Berlin, 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Fachtagung: Leipzig, 14. Mai 2003", D(2003, 5, 14), D(2003, 5, 14), "Leipzig"),
    ("Hamburg 29.10.2001", D(2001, 10, 29), D(2001, 10, 29), "Hamburg"),
    ("Frankfurt am Main 29.10.2001", D(2001, 10, 29), D(2001, 10, 29), "Frankfurt am Main"),
    ("Veranstaltungsort: Berlin, 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26. April 2006, Ort: Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Berlin-Kreuzberg, 3. März 2005", D(2005, 3, 3), D(2005, 3, 3), "Berlin-Kreuzberg"),
    ("29. - 30.10.2001 Hamburg", D(2001, 10, 29), D(2001, 10, 30), "Hamburg"),
    ("26./27.04.2006 Berlin", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    (
        "E&C-Konferenz „Mehr Chancen“ 29./30. Oktober 2001 in Hamburg",
        D(2001, 10, 29),
        D(2001, 10, 30),
        "Hamburg",
    ),
    ("Rückblick 26.4.2006", D(2006, 4, 26), D(2006, 4, 26), None),
    ("Workshop 3 am 26.4.2006", D(2006, 4, 26), D(2006, 4, 26), None),
    ("Dienstag, 26.4., bis Mittwoch, 27.4.2006", D(2006, 4, 26), D(2006, 4, 27), None),
    (
        "Mittwoch, 5. bis Freitag, 7. Mai 2004, Bonn-Bad Godesberg",
        D(2004, 5, 5),
        D(2004, 5, 7),
        "Bonn-Bad Godesberg",
    ),
    ("vom 05.05. bis 07.05.2004 in Bonn", D(2004, 5, 5), D(2004, 5, 7), "Bonn"),
    ("12.09.2005 - 14.09.2005 in Berlin", D(2005, 9, 12), D(2005, 9, 14), "Berlin"),
    ("2./3. Juni 2005 in Frankfurt (Oder)", D(2005, 6, 2), D(2005, 6, 3), "Frankfurt (Oder)"),
    # places of several words, a town with its country
    (
        "Dokumentation der Veranstaltung vom 30. Dezember 2004 bis 2. Januar 2005 in Frankfurt am "
        "Main.",
        D(2004, 12, 30),
        D(2005, 1, 2),
        "Frankfurt am Main",
    ),
    ("3.-4.11.05 (Bochum und Dortmund)", D(2005, 11, 3), D(2005, 11, 4), "Bochum und Dortmund"),
    (
        "3. und 4. November 2005 in Bochum und Dortmund",
        D(2005, 11, 3),
        D(2005, 11, 4),
        "Bochum und Dortmund",
    ),
    ("am 26.4.06 in Wien, Österreich", D(2006, 4, 26), D(2006, 4, 26), "Wien, Österreich"),
    (
        "12. Mai 2005 in Straßburg (Frankreich)",
        D(2005, 5, 12),
        D(2005, 5, 12),
        "Straßburg (Frankreich)",
    ),
    ("12. Mai 2005 in Frankfurt/Oder", D(2005, 5, 12), D(2005, 5, 12), "Frankfurt/Oder"),
    (
        "12. Mai 2005 in Brandenburg an der Havel",
        D(2005, 5, 12),
        D(2005, 5, 12),
        "Brandenburg an der Havel",
    ),
    (
        "12. Mai 2005 im Haus der Kulturen der Welt, Berlin",
        D(2005, 5, 12),
        D(2005, 5, 12),
        "Haus der Kulturen der Welt, Berlin",
    ),
    ("12. Mai 2005 in Halle a.d. Saale.", D(2005, 5, 12), D(2005, 5, 12), "Halle a.d. Saale"),
    ("in Berlin am 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    (
        "am 5. Juli 2002 im Rahmen der Jugendhilfetage in Berlin",
        D(2002, 7, 5),
        D(2002, 7, 5),
        "Berlin",
    ),
    ("1. und 2. Juli 2004 in Frankfurt a. M.", D(2004, 7, 1), D(2004, 7, 2), "Frankfurt a. M."),
    (
        "24.–26. September 2004 in Potsdam (Brandenburg)",
        D(2004, 9, 24),
        D(2004, 9, 26),
        "Potsdam (Brandenburg)",
    ),
    ("26.04.-27.04.2006", D(2006, 4, 26), D(2006, 4, 27), None),
    ("09.-10.03.2005 Bonn", D(2005, 3, 9), D(2005, 3, 10), "Bonn"),
    ("26.04 – 27.04.2006", D(2006, 4, 26), D(2006, 4, 27), None),
    ("Teil 2 - 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), None),
    (
        "für 14- bis 18-Jährige am 26. April 2006 in Berlin",
        D(2006, 4, 26),
        D(2006, 4, 26),
        "Berlin",
    ),
    ("Wann: 16. März 2017, Wo: Kassel", D(2017, 3, 16), D(2017, 3, 16), "Kassel"),
    ("16.3.2017 | 10–16 Uhr | Kassel", D(2017, 3, 16), D(2017, 3, 16), "Kassel"),
    ("Datum: 16.03.2017 | Ort: Kassel", D(2017, 3, 16), D(2017, 3, 16), "Kassel"),
    (
        "24./25. November 2016, Erkner bei Berlin",
        D(2016, 11, 24),
        D(2016, 11, 25),
        "Erkner bei Berlin",
    ),
    (
        "Mittwoch, 30.05.2016 – Donnerstag, 31.05.2016, Berlin",
        D(2016, 5, 30),
        D(2016, 5, 31),
        "Berlin",
    ),
    ("Berlin: 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Wann: 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), None),
    ("Zeitraum: 26.–27. April 2006", D(2006, 4, 26), D(2006, 4, 27), None),
    (
        "Zeit: 10. Mai 2005, 10–17 Uhr / Ort: Jugendzentrum, Kassel",
        D(2005, 5, 10),
        D(2005, 5, 10),
        "Jugendzentrum, Kassel",
    ),
    ("10. Mai '05 in Kassel", D(2005, 5, 10), D(2005, 5, 10), "Kassel"),
    ("10.Mai.2005 in Kassel", D(2005, 5, 10), D(2005, 5, 10), "Kassel"),
    ("14.09.03 - 15.09.03 Leipzig", D(2003, 9, 14), D(2003, 9, 15), "Leipzig"),
    (
        "Freitag, den 25. November 2005, in Frankfurt am Main",
        D(2005, 11, 25),
        D(2005, 11, 25),
        "Frankfurt am Main",
    ),
    (
        "Mittwoch, 22. September, bis Donnerstag, 23. September 2004",
        D(2004, 9, 22),
        D(2004, 9, 23),
        None,
    ),
    (
        "05.05.2006, 9:30–17:00 Uhr, Berlin, Haus der Demokratie",
        D(2006, 5, 5),
        D(2006, 5, 5),
        "Berlin, Haus der Demokratie",
    ),
    (
        "Dienstag, 18. Januar 2005, 10.30 Uhr bis 16.00 Uhr, Rathaus Charlottenburg",
        D(2005, 1, 18),
        D(2005, 1, 18),
        "Rathaus Charlottenburg",
    ),
    ("26.04.2006 (10:00 - 17:00) Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26.04.2006, 10:00, Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Ort: Berlin, Datum: 26.04.2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    (
        "Ort: Haus der Jugend, Köln | Termin: 3. Mai 2004",
        D(2004, 5, 3),
        D(2004, 5, 3),
        "Haus der Jugend, Köln",
    ),
    ("26. April 2006 (in Berlin)", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("(Berlin) 26. April 2006", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("Abschluss-Konferenz am 26. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    # line breaks, entities, non-breaking spaces, trailing full stops
    ("am 14. November 2001\nin\nBerlin.", D(2001, 11, 14), D(2001, 11, 14), "Berlin"),
    (
        "26.&nbsp;und&nbsp;27.&nbsp;April&nbsp;2006 in&nbsp;Berlin",
        D(2006, 4, 26),
        D(2006, 4, 27),
        "Berlin",
    ),
    ("26.\u00a0April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26. und 27.\r\nApril 2006\r\nin Berlin", D(2006, 4, 26), D(2006, 4, 27), "Berlin"),
    ("  26. April 2006 in Berlin . ", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
    ("26. April 2006.", D(2006, 4, 26), D(2006, 4, 26), None),
    ("Stand:18.9.2000 26. April 2006 in Berlin", D(2006, 4, 26), D(2006, 4, 26), "Berlin"),
]


@pytest.mark.parametrize(("line", "start", "end", "place"), CASES, ids=[c[0] for c in CASES])
def test_reads_date_and_place(line, start, end, place):
    assert parse_date_line(line) == {"start": start, "end": end, "place": place}


# Lines where any date would be a guess: None, never a wrong date.
UNSURE = [
    "",
    "Stand:18.9.2000",
    "26. und 27. April",  # no year
    "26.04.",
    "April 2006",
    "im Frühjahr 2006 in Berlin",
    "Ende April 2006 in Berlin",
    "31. Februar 2006 in Berlin",
    "32. April 2006",
    "26.13.2006",
    "27. bis 26. April 2006",  # end before start
    "26. April 2006 und 3. Mai 2006 in Berlin",  # two events
    "26. April 2006 in Berlin (Anmeldeschluss: 1. April 2006)",
    "1. Januar bis 31. Dezember 2006",  # a year, not an event
    "Basisinfo | Regiestelle | Programm",
    "Zielgruppenkonferenz der Quartiersmanager/innen",
    "26. April 1850 in Berlin",
    "Über 120 Teilnehmende",
    "26. April 20 Teilnehmende 2006",  # a number after the month that is no year
    "26. April 2006 in Berlin, 27. April 2006 in Potsdam",
    "26.4.06 (Nachtrag vom 3.5.2007)",
    "22. September (Anreise) bis 23. September 2004",
    "10. Mai 2005 (Anmeldeschluss 1. Mai)",
    "November 25, 2005",
    "bis 27.04.2006",  # the first day is not written
    "ab 26. April 2006 in Berlin",
    "Anmeldeschluss: 1. April 2006",
    "Einsendeschluss ist der 1. April 2006",
    "Stand: 1. April 2006",
]


@pytest.mark.parametrize("line", UNSURE)
def test_unsure_lines_answer_none(line):
    assert parse_date_line(line) is None


def test_not_a_string_answers_none():
    assert parse_date_line(None) is None
    assert parse_date_line(20060426) is None


def test_a_sentence_gives_dates_without_a_place():
    line = "Über 120 Fachleute diskutierten am 26. und 27. April 2006 über lokale Strategien."
    assert parse_date_line(line) == {"start": D(2006, 4, 26), "end": D(2006, 4, 27), "place": None}
