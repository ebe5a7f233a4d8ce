"""Old files come as UTF-8, ISO-8859-1 or Windows-1252, sometimes labelled wrongly."""

import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
# UTF-8 read as Windows-1252 once too often: „Ã¼“ for „ü“, „â€ž“ for „„“.
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a]|â€")
# Browsers read a page labelled ISO-8859-1 as Windows-1252 (WHATWG); so do we.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def decode_old_file(raw):
    """The text of an old file and the encoding it was read with.

    Valid UTF-8 is UTF-8 whatever the page claims (ISO-8859-1 text with umlauts is almost
    never valid UTF-8); otherwise the declared charset, then charset-normalizer's guess,
    then Windows-1252, which can decode every byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return repair_mojibake(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = _ALIASES.get(name, name)
        if name not in ("utf-8", "utf8"):
            try:
                return raw.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass
    guess = from_bytes(raw).best()
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        encoding = _ALIASES.get(guess.encoding.replace("_", "-"), guess.encoding)
        if encoding in ("cp1252", "iso8859-15", "iso8859_15", "latin-9"):
            return raw.decode(encoding), encoding
    return raw.decode("cp1252", errors="replace"), "cp1252"


def repair_mojibake(text):
    """Undo one round of UTF-8 read as Windows-1252, when the text shows its traces."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
