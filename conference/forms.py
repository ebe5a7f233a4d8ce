"""The filter form of the Rückblick listing (GET, so results can be bookmarked)."""

from urllib.parse import urlencode

from django import forms

from home.widgets import Select

from .models import EventKind


class RetrospectiveFilterForm(forms.Form):
    jahr = forms.TypedChoiceField(
        label="Jahr",
        required=False,
        coerce=int,
        empty_value=None,
        widget=Select,
        error_messages={
            "invalid_choice": "Für dieses Jahr gibt es keinen Rückblick. Es werden alle Jahre "
            "angezeigt."
        },
    )
    art = forms.ChoiceField(
        label="Veranstaltungsart",
        required=False,
        choices=[("", "Alle Veranstaltungsarten"), *EventKind.choices],
        widget=Select,
        error_messages={
            "invalid_choice": "Diese Veranstaltungsart gibt es nicht. Es werden alle Arten "
            "angezeigt."
        },
    )

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["jahr"].choices = [("", "Alle Jahre"), *[(str(y), str(y)) for y in years]]

    def active_filters(self):
        """The valid, non-empty filter values; an invalid one is left out (and reported)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "")}

    def query_string(self):
        return urlencode(self.active_filters())
