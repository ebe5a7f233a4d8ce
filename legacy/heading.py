"""The heading „<Art> der <Zielgruppe>: „<Motto>““ and the number of participants."""

import re
from dataclasses import dataclass

from conference.models import EventKind, ParticipantsQualifier

from .text import german_quotes

# The kinds as old pages spelled them, to the site's choices.
KINDS = {
    "zielgruppenkonferenz": EventKind.TARGET_GROUP_CONFERENCE,
    "fachforum": EventKind.FORUM,
    "fachtagung": EventKind.SYMPOSIUM,
    "bilanzkonferenz": EventKind.REVIEW_CONFERENCE,
    "europäische fachkonferenz": EventKind.EUROPEAN_CONFERENCE,
    "auftaktveranstaltung": EventKind.KICK_OFF,
    "auftaktkonferenz": EventKind.KICK_OFF,
    "werkstattgespräch": EventKind.WORKSHOP,
    "werkstattgespraech": EventKind.WORKSHOP,
}

# „Art der Zielgruppe: „Motto““, „Art: „Motto““ or „Art der Zielgruppe“.
_HEADING = re.compile(
    r"""^(?P<kind>[^\W\d][\w&\-./ ]{2,60}?)
        (?:\s+(?:der|des|für)\s+(?P<group>[^:„“]{2,200}?))?
        \s*(?::\s*(?P<motto>„.+“|.+))?\s*$""",
    re.VERBOSE,
)
_E_AND_C_PREFIX = re.compile(r"^(?:E&C|E\s*&\s*C)[-\s]+", re.IGNORECASE)
# Words of a kind: a heading of another kind still needs one of them to be an event.
_EVENT_WORDS = re.compile(
    r"konferenz|forum|tagung|gespräch|werkstatt|workshop|veranstaltung|kongress|treffen"
    r"|seminar|symposium|hearing|messe|börse|kolloquium|fachtag|dialog|klausur|akademie",
    re.IGNORECASE,
)


@dataclass
class Heading:
    kind: str
    target_group: str
    motto: str
    title: str
    text: str


def parse_heading(line):
    """A :class:`Heading` from an old page's heading line, or None when it is none."""
    text = german_quotes(line.strip())
    match = _HEADING.match(text)
    if not match:
        return None
    kind_text = _E_AND_C_PREFIX.sub("", match.group("kind")).strip()
    motto = (match.group("motto") or "").strip()
    if motto.startswith("„") and motto.endswith("“"):
        motto = motto[1:-1].strip()
    group = (match.group("group") or "").strip()
    kind = KINDS.get(kind_text.casefold())
    if kind is None:
        if not _EVENT_WORDS.search(kind_text) or not (motto or group):
            return None
        # An unknown kind: „Sonstige“, and the full heading stays the title.
        return Heading(EventKind.OTHER, "", "", text[:255], text)
    if not (motto or group):
        return None
    title = f"{kind.label} der {group}" if group else f"{kind.label}: {motto}"
    return Heading(kind, group[:200], motto[:300], title[:255], text)


_PARTICIPANTS = re.compile(
    r"""(?:^|\s)(?P<qualifier>über|mehr\s+als|rund|etwa|ca\.|circa|annähernd)?\s*
        (?P<number>\d{1,2}(?:\.\d{3})|\d{1,5})\s+
        (?=[A-ZÄÖÜ])(?P<who>[^\s]+)""",
    re.IGNORECASE | re.VERBOSE,
)
_QUALIFIERS = {
    "über": ParticipantsQualifier.OVER,
    "mehr als": ParticipantsQualifier.MORE_THAN,
    "rund": ParticipantsQualifier.ABOUT,
    "etwa": ParticipantsQualifier.ABOUT,
    "ca.": ParticipantsQualifier.ABOUT,
    "circa": ParticipantsQualifier.ABOUT,
    "annähernd": ParticipantsQualifier.ABOUT,
    "": ParticipantsQualifier.EXACT,
}
# „knapp 100“, „fast 100“, „bis zu 100“ say less than the number: not stored as a count.
_UNDER = re.compile(r"(?:knapp|fast|bis zu|weniger als|unter)\s+$", re.IGNORECASE)


def parse_participants(paragraph):
    """(number, qualifier) from the first words of a report paragraph („Über 120 …“).

    Only a number at the start of the paragraph counts: later numbers are too often
    years, areas or workshops."""
    match = _PARTICIPANTS.match(paragraph[:80])
    if not match or match.start("number") > 25:
        return None
    if _UNDER.search(paragraph[: match.start("number")]):
        return None
    prefix = paragraph[: match.start("number")].strip()
    qualifier_text = re.sub(r"\s+", " ", (match.group("qualifier") or "").casefold())
    if prefix.casefold() != qualifier_text:
        return None
    number = int(match.group("number").replace(".", ""))
    if number < 2 or 1900 <= number <= 2099:  # „2006 kamen …“ is a year
        return None
    return number, _QUALIFIERS[qualifier_text]
