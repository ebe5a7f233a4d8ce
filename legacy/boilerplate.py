"""The lines every old page carried around its content, which never reach a new page."""

import re

# Whole lines, compared without case, spaces and punctuation at the ends.
_LINES = {
    "basisinfo",
    "regiestelle",
    "programm",
    "gebietslisten",
    "rückblick",
    "e&c rückblick",
    "e&c ankündigungen",
    "ankündigungen",
    "veranstaltungstipps",
    "top",
    "nach oben",
    "zum seitenanfang",
    "start",
    "startseite",
    "home",
    "drucken",
    "druckversion",
    "seite drucken",
    "impressum",
    "kontakt",
    "sitemap",
    "suche",
    "suchen",
    "suche nach",
    "los",
    "ok",
    "newsletter",
    "e&c newsletter",
    "dokumentation herunterladen",
    "download",
    "zurück",
    "weiter",
    "stiftung spi",
    "institut für soziale arbeit",
    "dji",
    "deutsches jugendinstitut",
    "soziale stadt",
    "bmfsfj",
    "difu",
    "deutsches institut für urbanistik",
    "los - lokales kapital für soziale zwecke",
    "kuq",
    "partner",
    "links",
}

_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^stand\s*:?\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}$",
        r"^(?:basisinfo|regiestelle|programm)(?:\s*\|\s*(?:basisinfo|regiestelle|programm))+$",
        r"^(?:e&c\s+)?(?:ankündigungen|rückblick|veranstaltungstipps)"
        r"(?:\s*\|\s*(?:e&c\s+)?(?:ankündigungen|rückblick|veranstaltungstipps))+$",
        r"^zur(?:ück zur)? übersicht\b",
        r"^suche(?:\s+nach)?\s*:",
        r"^der e&c[- ]newsletter\b",
        r"^weitere informationen zur programmatik\b",
        r"^(?:newsletter\s+)?(?:abonnieren|bestellen|anmelden|abmelden)$",
        r"^ihre e-?mail(?:-adresse)?\s*:?$",
        r"^(?:copyright|©|\(c\))",
        r"^(?:\[?\s*(?:top|nach oben)\s*\]?\s*\|?\s*)+$",
        r"^\W*$",
    )
]

# Lines from which on the page is footer only (the content of the page is over).
_FOOTER_STARTS = [
    re.compile(p, re.IGNORECASE)
    for p in (r"^(?:top|nach oben|zum seitenanfang)$", r"^weitere informationen zur programmatik")
]


def _key(line):
    return re.sub(r"\s+", " ", line).strip(" .:;|-–»«>").casefold()


def is_boilerplate(line):
    key = _key(line)
    if key in _LINES:
        return True
    return any(pattern.search(key) for pattern in _PATTERNS)


def starts_footer(line):
    key = _key(line)
    return any(pattern.search(key) for pattern in _FOOTER_STARTS)
