"""ASCII page addresses with German transliteration: „Brücken bauen“ -> ``bruecken-bauen``.

``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` alone makes Wagtail drop the umlaut's dots
(„brucken“): neither the editor's slug field nor the server-side default knows German.
The slug field gets the transliteration as formatters, which Wagtail's slug controller
applies before its own cleaning; ``BasePage.full_clean`` does the same for pages saved
without a slug. Existing addresses are never changed."""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

from .german import UMLAUTS


class GermanSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*(formatters or []), *UMLAUTS.items()]
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)


def register():
    """Every slug field of the admin's model forms (pages first of all) transliterates."""
    register_form_field_override(models.SlugField, override={"widget": GermanSlugInput})
