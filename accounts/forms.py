from django import forms


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Code",
        max_length=32,
        help_text=(
            "Die sechs Ziffern aus Ihrer Authenticator-App oder einer Ihrer "
            "Wiederherstellungscodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
        error_messages={"required": "Bitte geben Sie den Code ein."},
    )


class AppCodeForm(CodeForm):
    otp_token = forms.CharField(
        label="Code aus der App",
        max_length=16,
        help_text="Die sechs Ziffern, die Ihre Authenticator-App gerade anzeigt.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Bitte geben Sie den Code aus der App ein."},
    )
