from django import forms

from .consent import CONSENT_TEXT

HONEYPOT_FIELD = "webseite"


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse ein.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
            "max_length": "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": "Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten."
        },
    )
    # Hidden from people; bots that fill every input fill this one too.
    webseite = forms.CharField(
        label="Dieses Feld bitte leer lassen",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if any(ord(char) < 32 for char in email):
            raise forms.ValidationError("Bitte geben Sie eine gültige E-Mail-Adresse ein.")
        return email
