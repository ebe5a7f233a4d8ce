"""Factories for the legal and accessibility pages (below the start page, published)."""

import datetime

import factory
import wagtail_factories

from legal.models import (
    AccessibilityStatementPage,
    EasyLanguagePage,
    FeedbackFormField,
    ImprintPage,
    ImprintSettings,
    PrivacyPage,
    SignLanguagePage,
)

from .home import PublishedPageMixin, start_page


class ImprintSettingsFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: start_page().get_site())
    publisher = "Stiftung Beispiel"
    address = "Musterweg 5\n12345 Berlin"
    represented_by = "den Vorstand"
    responsible_person = "Erika Mustermann"
    email = "redaktion@example.org"
    phone = "030 123456"

    class Meta:
        model = ImprintSettings
        django_get_or_create = ("site",)


class ImprintPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Impressum"
    slug = "impressum"
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = ImprintPage


class PrivacyPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Datenschutzerklärung"
    slug = "datenschutz"
    parent = factory.LazyFunction(start_page)
    statement_date = datetime.date(2026, 3, 1)
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Wir setzen keine Cookies.</p>"}]
    )

    class Meta:
        model = PrivacyPage


class AccessibilityStatementPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Erklärung zur Barrierefreiheit"
    slug = "barrierefreiheit"
    parent = factory.LazyFunction(start_page)
    non_accessible_content = "<p>Alte PDF-Dokumente sind nicht barrierefrei.</p>"
    created_on = datetime.date(2026, 1, 15)
    reviewed_on = datetime.date(2026, 2, 1)
    assessment_method = "Selbstbewertung"
    subject = "Feedback Barrierefreiheit"

    class Meta:
        model = AccessibilityStatementPage
        skip_postgeneration_save = True

    @factory.post_generation
    def fields(page, create, extracted, **kwargs):
        if not create:
            return
        specs = extracted or [
            ("Ihre Nachricht", "multiline", True),
            ("Ihre E-Mail-Adresse", "email", False),
        ]
        for order, (label, field_type, required) in enumerate(specs):
            FeedbackFormField.objects.create(
                page=page, sort_order=order, label=label, field_type=field_type, required=required
            )


class EasyLanguagePageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Leichte Sprache"
    slug = "leichte-sprache"
    parent = factory.LazyFunction(start_page)
    intro = "Hier erklären wir die Seite in Leichter Sprache."

    class Meta:
        model = EasyLanguagePage


class SignLanguagePageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Gebärdensprache"
    slug = "gebaerdensprache"
    parent = factory.LazyFunction(start_page)
    intro = "Informationen in Deutscher Gebärdensprache."

    class Meta:
        model = SignLanguagePage
