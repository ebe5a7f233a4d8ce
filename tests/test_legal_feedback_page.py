"""The Erklärung zur Barrierefreiheit is a reading page without a cookie; its feedback
form has a page of its own with the CSRF cookie and a privacy note (issue 16)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from home.models import FooterSettings
from tests.factories.legal import AccessibilityStatementPageFactory, PrivacyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    return AccessibilityStatementPageFactory()


def test_statement_sets_no_cookie_and_links_the_form(client, statement):
    response = client.get(statement.url)
    assert response.cookies == {} or settings.CSRF_COOKIE_NAME not in response.cookies
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("form", method="post") is None
    link = html.find("a", string="Zum Feedback-Formular")
    assert link["href"] == f"{statement.url}feedback/"


def test_feedback_page_sets_the_csrf_cookie_and_posts_to_itself(client, statement):
    response = client.get(f"{statement.url}feedback/")
    assert response.status_code == 200
    assert settings.CSRF_COOKIE_NAME in response.cookies
    form = BeautifulSoup(response.content, "html.parser").find("form", class_="feedback-form")
    assert form["action"] == f"{statement.url}feedback/"


def test_feedback_form_has_a_privacy_note_linking_the_privacy_page(client, statement, site):
    privacy = PrivacyPageFactory()
    FooterSettings.objects.create(site=site, privacy_page=privacy)
    html = BeautifulSoup(client.get(f"{statement.url}feedback/").content, "html.parser")
    note = html.find("p", class_="form-privacy")
    assert "Wir verwenden Ihre Angaben nur" in note.get_text()
    assert note.find("a", string="Datenschutzerklärung")["href"] == privacy.url
