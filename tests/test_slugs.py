"""New pages get ASCII addresses with German transliteration; existing ones stay
(issue 16). The editor's slug field is checked in tests/browser/test_slugs.py."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import SectionPage
from tests.factories.home import SectionPageFactory

pytestmark = pytest.mark.django_db


def test_page_saved_without_slug_gets_a_transliterated_one(home_page):
    page = SectionPage(title="Brücken bauen")
    home_page.add_child(instance=page)
    assert page.slug == "bruecken-bauen"
    second = SectionPage(title="Brücken bauen")
    home_page.add_child(instance=second)
    assert second.slug == "bruecken-bauen-2"


def test_existing_unicode_slug_stays(home_page):
    page = SectionPageFactory(title="Fachforum Brücken", slug="fachforum-brücken")
    page.title = "Fachforum Brücken 2006"
    page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).slug == "fachforum-brücken"


def test_editor_slug_field_transliterates_umlauts(admin_client, home_page):
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["home", "sectionpage", home_page.pk])
    )
    field = response.context["form"].fields["slug"]
    formatters = json.loads(field.widget.attrs["data-w-slug-formatters-value"])
    replacements = {pattern[0]: target for pattern, target in formatters}
    assert {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}.items() <= replacements.items()
    assert field.widget.attrs["data-w-slug-allow-unicode-value"] is False
    assert 'data-w-slug-formatters-value="' in response.content.decode()
