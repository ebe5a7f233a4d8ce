"""One old page read into what an event page needs, with every line it did not understand."""

import re
from dataclasses import dataclass, field
from datetime import date

from .boilerplate import is_boilerplate, starts_footer
from .dateline import parse_date_line
from .decoding import decode_old_file
from .heading import parse_heading, parse_participants
from .text import german_quotes, read_text

_STAND = re.compile(r"stand\s*:?\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2,4})", re.IGNORECASE)
# Sentences of a report are long; short lines between them are menus and labels.
MIN_REPORT_CHARS = 60
MAX_DATE_LINE_CHARS = 200


@dataclass
class OldPage:
    old_path: str
    encoding: str = ""
    stand: date | None = None
    date_line: str = ""
    dates: dict | None = None
    heading: object = None
    participants: tuple | None = None
    paragraphs: list = field(default_factory=list)
    pdf_links: list = field(default_factory=list)
    not_understood: list = field(default_factory=list)
    date_line_extra: set = field(default_factory=set)  # lines the date line went on to
    heading_extra: set = field(default_factory=set)  # lines the heading went on to
    problem: str = ""  # why this is not an event page (German), empty when it is

    @property
    def is_event(self):
        return not self.problem


def read_old_page(raw, old_path):
    """Read the bytes of an old page (HTML or text) found at ``old_path``."""
    text, encoding = decode_old_file(raw)
    page = OldPage(old_path=old_path, encoding=encoding)
    page.stand = _stand(text)
    content = read_text(text)
    page.pdf_links = [link for link in content.links if _is_pdf(link.href)]
    lines = _content_lines(content.blocks)
    heading_index = _find_heading(page, lines, content.headings)
    date_index = _find_date_line(page, lines, heading_index)
    if page.heading is None:
        page.problem = "Keine Veranstaltungsseite: keine Überschrift „<Art> der <Zielgruppe>: …“."
    elif page.dates is None:
        page.problem = (
            "Datumszeile nicht verstanden: „" + page.date_line + "“"
            if page.date_line
            else "Keine Veranstaltungsseite: keine Datumszeile gefunden."
        )
    used = {i for i in (heading_index, date_index) if i is not None}
    used |= page.date_line_extra | page.heading_extra
    start = max(used) + 1 if used else 0
    link_texts = {link.text for link in page.pdf_links}
    _read_report(page, lines, start, used, link_texts)
    return page


def _is_pdf(href):
    return href.lower().split("?", 1)[0].split("#", 1)[0].endswith(".pdf")


def _stand(text):
    match = _STAND.search(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _content_lines(blocks):
    """(block number, line) for every line that is not boilerplate, up to the footer."""
    lines = []
    for number, block in enumerate(blocks):
        for line in block:
            if starts_footer(line) and lines:
                return lines
            if not is_boilerplate(line):
                lines.append((number, line))
    return lines


_OPENING_QUOTE = ("„", '"', "“", "»", ",,", "”")


def _find_heading(page, lines, html_headings):
    """The index of the heading's line; lines it went on to are added to ``heading_extra``."""
    # An <h1>–<h3> first: its whole text, even when markup splits it into lines
    for text in html_headings:
        heading = parse_heading(text)
        if heading is not None:
            page.heading = heading
            return _heading_lines(page, lines, text)
    for index, (block, line) in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        # „Zielgruppenkonferenz der …:<br>„Motto““: the heading on two lines
        if (
            following
            and following[0] == block
            and (line.endswith(":") or following[1].startswith(_OPENING_QUOTE))
        ):
            joiner = " " if line.endswith(":") else ": "
            heading = parse_heading(f"{line}{joiner}{following[1]}")
            if heading is not None and (heading.motto or heading.kind == "sonstige"):
                page.heading, page.heading_extra = heading, {index + 1}
                return index
        heading = parse_heading(line)
        if heading is not None:
            page.heading = heading
            return index
    return None


def _heading_lines(page, lines, text):
    """The index of the first line of the heading ``text``; the others go to heading_extra."""
    for index, (_, line) in enumerate(lines):
        if not text.startswith(line):
            continue
        rest = text[len(line) :].strip()
        following = index + 1
        while rest and following < len(lines) and rest.startswith(lines[following][1]):
            page.heading_extra.add(following)
            rest = rest[len(lines[following][1]) :].strip()
            following += 1
        return index
    return None


def _find_date_line(page, lines, heading_index):
    """The date line: near the heading (before it on the old pages, sometimes after)."""
    if heading_index is None:
        candidates = range(min(len(lines), 12))
    else:
        before = range(heading_index - 1, max(-1, heading_index - 6), -1)
        after = range(heading_index + 1, min(len(lines), heading_index + 3))
        candidates = [*before, *after]
    for index in candidates:
        number, line = lines[index]
        if len(line) > MAX_DATE_LINE_CHARS:
            continue
        parsed = parse_date_line(line)
        extra = set()
        if parsed is None:
            # „am 14. November 2001<br>in<br>Berlin“: the date line broken over lines
            joined = line
            for following in range(index + 1, min(len(lines), index + 4)):
                if lines[following][0] != number or following == heading_index:
                    break
                joined += " " + lines[following][1]
                extra.add(following)
                parsed = parse_date_line(joined)
                if parsed is not None:
                    line = joined
                    break
        if parsed is not None and parsed["place"] is None:
            line, parsed = _place_on_next_lines(lines, index + 1 + len(extra), line, parsed, extra)
        if parsed is not None:
            page.date_line, page.dates = line, parsed
            page.date_line_extra = extra
            return index
        if not page.date_line and _looks_like_date(line):
            page.date_line = line
    return None


def _place_on_next_lines(lines, following, line, parsed, extra):
    """„14. bis 15. Sept. 2006<br>in<br>Leipzig“: the place on the next lines of the block."""
    number = lines[following - 1][0]
    joined, taken = line, set()
    for index in range(following, min(len(lines), following + 3)):
        if lines[index][0] != number:
            break
        joined += " " + lines[index][1]
        taken.add(index)
        with_place = parse_date_line(joined)
        if with_place is None or with_place["start"] != parsed["start"]:
            break
        if with_place["place"]:
            extra |= taken
            return joined, with_place
    return line, parsed


_DATE_TRACE = re.compile(r"\b(?:19|20)\d\d\b|\d{1,2}\.\s*\d{1,2}\.")


def _looks_like_date(line):
    return bool(_DATE_TRACE.search(line)) and len(line) < 120


def _read_report(page, lines, start, used, link_texts):
    """Paragraphs of the report; short lines that are neither are reported."""
    for index, (_, line) in enumerate(lines):
        if index in used or line in link_texts:
            continue
        if index < start or len(line) < MIN_REPORT_CHARS and not line.endswith((".", "!", "?")):
            page.not_understood.append(line)
            continue
        page.paragraphs.append(german_quotes(line))
    if page.paragraphs:
        page.participants = parse_participants(page.paragraphs[0])
