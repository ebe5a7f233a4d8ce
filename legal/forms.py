"""The feedback form of the Erklärung zur Barrierefreiheit: Wagtail's form builder plus
a honeypot field against spam bots."""

from django import forms
from wagtail.contrib.forms.forms import FormBuilder

HONEYPOT_FIELD = "webseite"


class FeedbackFormBuilder(FormBuilder):
    @property
    def formfields(self):
        fields = super().formfields
        # Hidden from people (in a `hidden` container, out of the tab order); bots that
        # fill every input fill this one too and are ignored.
        fields[HONEYPOT_FIELD] = forms.CharField(
            label="Dieses Feld bitte leer lassen",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields
