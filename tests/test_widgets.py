"""``home.widgets.Select`` writes exactly what Django's ``Select`` writes, faster."""

import pytest
from django import forms

from home.widgets import Select

CHOICES = [
    ("", "Alle Jahre"),
    (2005, "2005"),
    ("a&b", 'Sonder<zeichen> "in" Anführung'),
    ("Gruppe <1>", [("x", "Eins"), ("y", "Zwei")]),
]


@pytest.mark.parametrize("value", ["", 2005, "2005", "a&b", "y", None, "fehlt"])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_jahr"},
        {"id": "id_jahr", "aria-describedby": 'id_jahr_error "x"', "required": True},
        {"id": "id_art", "disabled": False, "aria-invalid": "true"},
    ],
)
def test_same_html_as_djangos_select(value, attrs):
    ours = Select(choices=CHOICES).render("jahr", value, attrs=attrs)
    djangos = forms.Select(choices=CHOICES).render("jahr", value, attrs=attrs)
    assert ours == djangos


def test_a_bound_form_field_renders_with_its_errors_attributes():
    class Filter(forms.Form):
        art = forms.ChoiceField(choices=[("", "Alle"), ("a", "A")], required=False, widget=Select)

    class DjangoFilter(forms.Form):
        art = forms.ChoiceField(choices=[("", "Alle"), ("a", "A")], required=False)

    ours, djangos = Filter({"art": "zzz"}), DjangoFilter({"art": "zzz"})
    assert not ours.is_valid() and not djangos.is_valid()
    assert str(ours["art"]) == str(djangos["art"])
    assert 'aria-invalid="true"' in str(ours["art"])
