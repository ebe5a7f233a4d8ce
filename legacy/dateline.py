"""The date-and-place line of an old E&C page, read back into dates and a place.

``parse_date_line("26. und 27. April 2006 in Berlin")`` →
``{"start": date(2006, 4, 26), "end": date(2006, 4, 27), "place": "Berlin"}``.

A pure function without locale or database. It answers ``None`` whenever it is not sure: a line
without a full date (no year, no day), two different dates, an end before the start or an
impossible day. A wrong date would end up on a public page; a ``None`` only asks an editor to look.

How it reads: the line is normalised (entities, line breaks, dashes, weekdays, times of day), cut
into tokens, and the one run of tokens that forms a date expression is found – groups of
``day[. month[ year]]`` joined by „und“, „bis“, „-“, „/“ or commas, the last group with its month.
Missing months and years are taken from the next group that has them. What stands before the run
is a lead-in („am“, „vom“, „Fachtagung:“) or a place („Leipzig, …“), what follows is the place
(„in Berlin“, „, Bochum und Dortmund“, „(Frankfurt am Main)“).
"""

import html
import re
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = {
    "januar": 1,
    "jänner": 1,
    "jaenner": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "febr": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "marz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}

WEEKDAYS = (
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
    r"|mo|di|mi|do|fr|sa|so"
)

# Longest alternatives first, so „Sept.“ is not read as „Sep“ + „t.“.
_MONTH_ALTERNATIVES = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
    | (?P<year>(?:19|20)\d\d)(?!\d)
    | (?P<daydot>\d{{1,2}})\.
    | ['’](?P<apostrophe>\d\d)(?!\d)
    | (?P<number>\d+)
    | (?P<month>(?:{_MONTH_ALTERNATIVES}))(?![^\W\d_])\.?
    | (?P<sep>bis\s+zum|bis\s+zur|bis|und|u\.|&|\+|-|/|,)
    | (?P<word>[^\s,/|()\-:;.]+)
    | (?P<punct>[\S])
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Separators that join days of one event; „bis“ and the dash may span more.
_LIST_SEPARATORS = {"und", "u.", "&", "+", ",", "/"}
_MAX_LIST_GAP = 3
_MAX_RANGE_DAYS = 92
_YEARS = range(1950, 2100)

_TIME_OF_DAY = re.compile(
    r"""
    (?<![\d.])
    \(?\s*
    (?:(?:von|ab|um|zwischen)\s+)?
    \d{1,2}(?:[.:]\d\d)?\s*(?:uhr\s*)?
    (?:(?:-|bis|und)\s*\d{1,2}(?:[.:]\d\d)?\s*)?
    uhr
    \s*\)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# „10:00 - 17:00“ without „Uhr“: the colon says it is a time.
_CLOCK_TIME = re.compile(r"\(?(?<![\d.])\d{1,2}:\d\d(?:\s*-\s*\d{1,2}:\d\d)?\)?")
_WEEKDAY_IN_PARENTHESES = re.compile(rf"\(\s*(?:{WEEKDAYS})\.?\s*\)", re.IGNORECASE)
_WEEKDAY = re.compile(rf"(?:\b(?:{WEEKDAYS})\b\.?\s*[,/]?\s*)+(?=\d|den\b)", re.IGNORECASE)
_STAND = re.compile(r"\bstand\s*:?\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}", re.IGNORECASE)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f]+")

# „bis 27.4.2006“, „ab 26.4.2006“ leave a day open; „Anmeldeschluss: 1. April“ is no event date.
_OPEN_OR_OTHER_DATE = re.compile(
    r"(?:\b(?:bis|ab|seit|spätestens|frühestens|vor|nach)\s*(?:zum|dem|den)?\s*$)"
    r"|(?:(?:anmelde|einsende|bewerbungs|redaktions|annahme|melde)schluss|frist\b|deadline"
    r"|\bstand\b|erschienen|aktualisiert|veröffentlicht)[^.]*$",
    re.IGNORECASE,
)
# Words before a date that introduce it instead of naming a place.
_LEAD_IN_END = re.compile(
    r"(?:^|[\s,:])(?:am|vom|von|ab|den|seit|zum|zur|termin|datum|zeit|wann)\s*:?\s*$",
    re.IGNORECASE,
)
_LEAD_IN_WORDS = re.compile(
    r"dokumentation|veranstaltung|tagung|konferenz|kongress|forum|workshop|werkstatt|seminar"
    r"|treffen|termin|datum|fachgespräch|sitzung|messe|aktionstag|anmeldung|rückblick|nachlese"
    r"|ankündigung|einladung|hearing|symposium|klausur|fortbildung|schulung|fest"
    r"|\b(?:wann|wo|zeit|beginn|zeitraum|ort)\b",
    re.IGNORECASE,
)
_BARE_PLACE = re.compile(r"[A-ZÄÖÜ][\w.\-]*(?: (?:[A-ZÄÖÜ][\w.\-]*|am|an der|a\.|bei))*")
# Words after a date that lead to the place; articles after them are dropped as well.
_PLACE_MARKER = re.compile(
    r"^(?:(?:in|nach|im|auf|bei|ort|wo|veranstaltungsort|tagungsort)\b\s*:?\s*"
    r"(?:(?:der|dem|den|die|das)\b\s*)?|[,;|:]\s*)",
    re.IGNORECASE,
)


@dataclass
class _Group:
    day: int
    month: int | None = None
    year: int | None = None
    start: int = 0
    end: int = 0


def parse_date_line(text):
    """Read a German date-and-place line; ``{"start", "end", "place"}`` or ``None``."""
    if not text or not isinstance(text, str):
        return None
    line = _normalise(text)
    tokens = _tokenise(line)
    runs = _date_runs(tokens)
    if len(runs) != 1:
        return None
    groups, run_start, run_end = runs[0]
    if _OPEN_OR_OTHER_DATE.search(line[:run_start]):
        return None
    dates = _resolve(groups)
    if dates is None:
        return None
    start, end = dates
    # A safety net: the year of the last day is written in the line, when any year is.
    original = _STAND.sub(" ", html.unescape(text))
    written_years = {int(year) for year in _FOUR_DIGIT_YEAR.findall(original)}
    if written_years and end.year not in written_years:
        return None
    place = _place_after(line[run_end:])
    if place is _UNSURE:
        return None
    if place is None:
        place = _place_before(line[:run_start]) or _labelled_place(line[:run_start])
    return {"start": start, "end": end, "place": place}


def _normalise(text):
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("-", text)
    text = _STAND.sub(" ", text)
    text = _TIME_OF_DAY.sub(" ", text)
    text = _CLOCK_TIME.sub(" ", text)
    text = _WEEKDAY_IN_PARENTHESES.sub(" ", text)
    text = _WEEKDAY.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


def _tokenise(line):
    tokens = []
    for match in _TOKEN.finditer(line):
        kind = match.lastgroup
        if kind == "space":
            continue
        tokens.append((kind, match.group(kind), match.start(), match.end()))
    return tokens


def _date_runs(tokens):
    """Every run of day groups that ends in a group with its month: ((groups, seps), start, end)."""
    runs = []
    index = 0
    while index < len(tokens):
        found = _read_run(tokens, index)
        if found is None:
            index += 1
            continue
        groups, separators, next_index = found
        runs.append(((groups, separators), tokens[index][2], tokens[next_index - 1][3]))
        index = next_index
    return runs


def _read_group(tokens, index):
    """``day.`` [month [year]] starting at ``index``; (group, next index) or None."""
    if index >= len(tokens):
        return None
    kind, value, start, end = tokens[index]
    short_number = kind == "number" and len(value) <= 2
    if (
        kind == "daydot"
        or short_number
        and _next_kind(tokens, index) == "month"
        or short_number
        and _tight_bare_day(tokens, index)
    ):
        day = int(value)
    else:
        return None
    group = _Group(day=day, start=start, end=end)
    index += 1
    if index < len(tokens):
        kind, value, _, end = tokens[index]
        if kind == "month":
            group.month = MONTH_NAMES[value.rstrip(".").lower()]
            group.end = end
            index += 1
        elif kind == "daydot" and 1 <= int(value) <= 12 or _month_without_dot(tokens, index):
            group.month = int(value)
            group.end = end
            index += 1
    if group.month is not None and index < len(tokens):
        kind, value, _, end = tokens[index]
        if kind == "year":
            group.year = int(value)
            group.end = end
            index += 1
        elif kind == "apostrophe" or kind == "number" and len(value) == 2:
            short = int(value)
            group.year = 2000 + short if short < 50 else 1900 + short
            group.end = end
            index += 1
    return group, index


def _read_run(tokens, index):
    first = _read_group(tokens, index)
    if first is None:
        return None
    groups = [first[0]]
    separators = []
    index = first[1]
    while index < len(tokens) and tokens[index][0] == "sep":
        # „26.4., bis 27.4.“: a comma before the real separator
        after = index + 1
        separator = tokens[index][1]
        if separator == "," and after < len(tokens) and tokens[after][0] == "sep":
            separator = tokens[after][1]
            after += 1
        following = _read_group(tokens, after)
        if following is None:
            break
        separators.append(re.sub(r"\s+", " ", separator.lower()))
        groups.append(following[0])
        index = following[1]
    if groups[-1].month is None:
        return None
    return groups, separators, index


def _month_without_dot(tokens, index):
    """„26.04 – 27.04.2006“: the month without its dot, written tight to the day."""
    kind, value, start, _ = tokens[index]
    return (
        kind == "number"
        and len(value) <= 2
        and 1 <= int(value) <= 12
        and tokens[index - 1][3] == start
        and _next_kind(tokens, index) == "sep"
    )


def _tight_bare_day(tokens, index):
    """„26-27.4.2006“: a day without its dot only when written tight to a dash or slash and
    the next day („Teil 2 - 26. April“ is no range)."""
    if index + 2 >= len(tokens):
        return False
    number, separator, following = tokens[index], tokens[index + 1], tokens[index + 2]
    return (
        separator[1] in ("-", "/")
        and following[0] == "daydot"
        and number[3] == separator[2]
        and separator[3] == following[2]
    )


def _next_kind(tokens, index):
    return tokens[index + 1][0] if index + 1 < len(tokens) else None


def _resolve(run):
    """Fill in months and years from the right and check the dates; (start, end) or None."""
    groups, separators = run
    if groups[-1].year is None:
        return None
    month, year = groups[-1].month, groups[-1].year
    days = []
    for group in reversed(groups):
        month = group.month or month
        year = group.year or year
        day = _date(year, month, group.day)
        if day is not None and days and day > days[0] and group.year is None:
            # „30. Dezember bis 2. Januar 2006“: the earlier group lies in the year before
            year -= 1
            day = _date(year, month, group.day)
        if day is None:
            return None
        days.insert(0, day)
    if any(later < earlier for earlier, later in zip(days, days[1:], strict=False)):
        return None
    if any(day.year not in _YEARS for day in days):
        return None
    for separator, earlier, later in zip(separators, days, days[1:], strict=False):
        # „14. und 15.“ are days of one event; „26. April und 3. Mai“ are two events
        if separator in _LIST_SEPARATORS and (later - earlier).days > _MAX_LIST_GAP:
            return None
    start, end = days[0], days[-1]
    if (end - start).days > _MAX_RANGE_DAYS:
        return None
    return start, end


def _date(year, month, day):
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


class _Unsure:
    pass


_UNSURE = _Unsure()
_DATE_LIKE = re.compile(
    rf"\d{{1,2}}\.\s*(?:\d{{1,2}}\.|(?:{_MONTH_ALTERNATIVES})\b)|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _place_after(rest):
    """The place in the text after the date; None when there is none, _UNSURE for a second date."""
    if _DATE_LIKE.search(rest):
        return _UNSURE
    rest = rest.strip()
    rest = re.sub(r"^[.\s]+", "", rest)
    rest = re.sub(r"^(?:[-|,;:/]\s*)+", ", ", rest)
    rest = rest.strip()
    if not rest:
        return None
    marker = _PLACE_MARKER.match(rest)
    if marker:
        while marker:  # „, Ort: Berlin“
            rest = rest[marker.end() :]
            marker = _PLACE_MARKER.match(rest)
        # „im Rahmen der Jugendhilfetage in Berlin“
        framed = re.match(r"(?:rahmen|anschluss|vorfeld)\b.*?\bin\s+(?P<place>.+)$", rest, re.I)
        if framed:
            rest = framed.group("place")
        elif re.match(r"(?:rahmen|anschluss|vorfeld)\b", rest, re.I):
            return None
    elif rest.startswith("("):
        pass
    elif not rest[:1].isupper():
        # „… diskutierten am 26. April 2006 über …“: no place follows
        return None
    return _clean_place(rest)


_PLACE_LABEL = re.compile(
    r"\b(?:veranstaltungs|tagungs)?ort\s*:\s*(?P<place>[^|;:]+?)\s*"
    r"(?:[|;,]\s*(?:datum|zeit|termin|wann)\b.*)?[\s|;,]*$",
    re.IGNORECASE,
)


def _labelled_place(prefix):
    """„Ort: Berlin, Datum: 26.04.2006“."""
    match = _PLACE_LABEL.search(_LEAD_IN_END.sub("", prefix.strip().rstrip(":")))
    return _clean_place(match.group("place")) if match else None


def _place_before(prefix):
    """A place written before the date („Leipzig, 26. April 2006“) or None."""
    prefix = prefix.strip()
    while True:
        lead_in = _LEAD_IN_END.search(prefix)
        if not lead_in:
            break
        prefix = prefix[: lead_in.start()].rstrip()
    if ":" in prefix:
        before, prefix = prefix.rsplit(":", 1)
        # „Berlin: 26. April 2006“ – unless it is a lead-in („Fachtagung:“, „Wann:“)
        before = before.strip()
        bare = not prefix.strip() and _BARE_PLACE.fullmatch(before)
        if bare and not _LEAD_IN_WORDS.search(before):
            return _clean_place(before)
    prefix = prefix.strip()
    inside = re.search(r"\b(?:in|im)\s+(?P<place>[^,]+?)[\s,|\-]*$", prefix)
    if inside:
        return _clean_place(inside.group("place"))
    if not re.search(r"[,|\-]\s*$", prefix) and not re.fullmatch(r"\(.*\)", prefix):
        # „Hamburg 29.10.2001“: only a name of capitalised words, nothing else
        if _BARE_PLACE.fullmatch(prefix) and not _LEAD_IN_WORDS.search(prefix):
            return _clean_place(prefix)
        return None
    segments = re.sub(r"[\s,|\-]+$", "", prefix).split(",")
    while segments and _LEAD_IN_WORDS.search(segments[0]):
        segments.pop(0)
    candidate = ",".join(segments).strip()
    if re.search(r"\d", candidate):  # „Teil 2 - 26. April 2006“
        return None
    if not candidate[:1].isupper() and candidate[:1] != "(":
        return None
    if len(candidate.split()) > 6:
        return None
    return _clean_place(candidate)


def _clean_place(place):
    place = place.strip()
    if place.startswith("(") and place.endswith(")") and place.count("(") == 1:
        place = place[1:-1].strip()
    elif place.startswith("(") and ")" in place:
        place = place[1 : place.index(")")].strip()
    place = re.sub(r"\s+", " ", place)
    marker = _PLACE_MARKER.match(place)
    while marker and marker.end():  # „(in Berlin)“
        place = place[marker.end() :]
        marker = _PLACE_MARKER.match(place)
    place = place.strip(" ,;|-")
    # A final full stop ends the sentence unless it ends an abbreviation („Frankfurt a.M.“).
    if place.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-zÄÖÜäöü]\.$", place):
        place = place.rstrip(".").rstrip()
    if not re.search(r"[^\W\d_]", place):  # no letter: no place
        return None
    return place or None
