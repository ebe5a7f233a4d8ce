"""The umlaut rules shared by addresses, file names, search types and sorting."""

import pytest

from home.german import collation_key, german_slug, transliterate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gebärdensprache", "Gebaerdensprache"),
        ("Übach-Palenberg", "Uebach-Palenberg"),
        ("Öffentlichkeit Ärger", "Oeffentlichkeit Aerger"),
        ("Straße", "Strasse"),
    ],
)
def test_transliterate(text, expected):
    assert transliterate(text) == expected


def test_german_slug():
    assert german_slug("Rückblick") == "rueckblick"
    assert german_slug("Göttingen Grone-Süd") == "goettingen-grone-sued"


def test_collation_sorts_umlauts_with_their_vowel():
    names = ["Gotha", "Göttingen", "Gießen", "Gera"]
    assert sorted(names, key=collation_key) == ["Gera", "Gießen", "Gotha", "Göttingen"]
