"""robots.txt, sitemap, redirects, error pages."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from tests.factories.home import SectionPageFactory
from tests.login import log_in

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_pages(client, home_page):
    SectionPageFactory(title="Basisinfo", slug="basisinfo")
    draft = SectionPageFactory(title="Entwurf", slug="entwurf")
    draft.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert "/basisinfo/</loc>" in body
    assert "/entwurf/" not in body


def test_redirects_from_old_addresses(client, home_page):
    page = SectionPageFactory(title="Regiestelle", slug="regiestelle")
    Redirect.objects.create(old_path="/regiestelle.html", redirect_page=page)
    response = client.get("/regiestelle.html")
    assert response.status_code == 301
    assert response["Location"].endswith("/regiestelle/")


def test_german_404_page(client, home_page):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_german_500_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Technischer Fehler" in html and 'lang="de"' in html


def test_admin_is_german_and_calls_no_third_party(client, home_page):
    from django.contrib.auth.models import User

    response = client.get("/admin/login/")
    assert "Anmelden" in response.content.decode()
    admin = User.objects.create_superuser("chefin", password="pw")
    log_in(client, admin)
    html = client.get("/admin/").content.decode()
    assert 'lang="de"' in html
    assert "gravatar" not in html.lower()
    assert "releases.wagtail.io" not in html


def test_unknown_host_is_refused_cleanly(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["www.example.org"]
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
