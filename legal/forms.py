"""The feedback form of the Erklärung zur Barrierefreiheit: Wagtail's form builder with a
length limit on every text field (German messages; browsers get ``maxlength`` too) plus a
honeypot field against spam bots."""

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from wagtail.contrib.forms.forms import FormBuilder

HONEYPOT_FIELD = "webseite"
SINGLE_LINE_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254
URL_MAX_LENGTH = 2000
TOO_LONG = (
    "Bitte kürzen Sie Ihre Eingabe auf höchstens %(limit_value)d Zeichen "
    "(jetzt sind es %(show_value)d)."
)


def _limited(options, max_length):
    options["max_length"] = max_length
    options["error_messages"] = {**options.get("error_messages", {}), "max_length": TOO_LONG}
    return options


class FeedbackFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        return forms.CharField(**_limited(options, SINGLE_LINE_MAX_LENGTH))

    def create_multiline_field(self, field, options):
        options.setdefault("widget", forms.Textarea)
        limit = settings.FEEDBACK_MAX_MESSAGE_LENGTH
        hint = f"Höchstens {number_format(limit, force_grouping=True)} Zeichen."
        options["help_text"] = f"{options.get('help_text') or ''} {hint}".strip()
        return forms.CharField(**_limited(options, limit))

    def create_email_field(self, field, options):
        return forms.EmailField(**_limited(options, EMAIL_MAX_LENGTH))

    def create_url_field(self, field, options):
        return super().create_url_field(field, _limited(options, URL_MAX_LENGTH))

    def create_hidden_field(self, field, options):
        options.setdefault("widget", forms.HiddenInput)
        return forms.CharField(**_limited(options, SINGLE_LINE_MAX_LENGTH))

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
