"""German text in addresses, file names and sort keys: the one place that knows the umlauts."""

from django.utils.text import slugify

UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
_TRANSLITERATION = str.maketrans(UMLAUTS)
# Dictionary order (DIN 5007, variant 1): "ä" sorts as "a", not as "ae".
_COLLATION = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def transliterate(text):
    """``"Gebärdensprache Übersicht"`` -> ``"Gebaerdensprache Uebersicht"``."""
    return text.translate(_TRANSLITERATION)


def german_slug(text):
    """``"Rückblick"`` -> ``"rueckblick"``: transliteration, then Django's ``slugify``."""
    return slugify(transliterate(text))


def collation_key(text):
    """German dictionary order without relying on the database's collation."""
    return (text or "").casefold().translate(_COLLATION)
