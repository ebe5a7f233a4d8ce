from django import forms

from home.widgets import Select

from .choices import Bundesland, Gebietsart, Programm

INVALID_CHOICE = "„%(value)s“ gibt es hier nicht. Bitte wählen Sie einen Eintrag aus der Liste."


def _choice_field(label, empty_label, choices):
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", empty_label), *choices],
        widget=Select,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )


class AreaFilterForm(forms.Form):
    """The filters of the Gebietslisten (GET). An invalid value gets a message and is
    ignored; the other filters still apply."""

    q = forms.CharField(
        label="Kommune oder Gebiet",
        required=False,
        max_length=100,
        error_messages={"max_length": "Bitte geben Sie höchstens %(limit_value)d Zeichen ein."},
    )
    bundesland = _choice_field("Bundesland", "Alle Bundesländer", Bundesland.choices)
    art = _choice_field("Gebietsart", "Alle Gebietsarten", Gebietsart.choices)
    programm = _choice_field("Programm", "Alle Programme", Programm.choices)

    def __init__(self, *args, land=None, **kwargs):
        super().__init__(*args, **kwargs)
        if land is not None:
            # A Land page lists one Land; its URL already says which.
            del self.fields["bundesland"]

    def filters(self):
        """The valid, non-empty filter values (``{}`` for an unbound form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
