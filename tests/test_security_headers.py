"""Content-Security-Policy and Permissions-Policy on production's settings (issue 13, done
when): every page type answers with the strict public policy (no unsafe-inline or
unsafe-eval for scripts, no inline code needed), the admin and its previews with the
editors' policy, and every answer carries the Permissions-Policy."""

import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, get_page_models

from ec_site.page_cache import served_from_cache
from tests.factories.documents import DocumentFactory
from tests.factories.home import SectionPageFactory
from tests.factories.newsletter import NewsletterIssuePageFactory
from tests.mixins import PageTypeChecks
from tests.test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db

SECURITY_SETTINGS = (
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
    "ADMIN_CSP_PATH_PREFIXES",
    "PERMISSIONS_POLICY",
    "X_FRAME_OPTIONS",
)
DENIED_FEATURES = (
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "browsing-topics",
    "interest-cohort",
)


@pytest.fixture(scope="module")
def production_security(tmp_path_factory):
    """The security settings as ec_site.settings.production makes them, read in a process
    of its own (the test process runs on the test settings)."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    database = f"sqlite:///{tmp_path_factory.mktemp('prod') / 'db.sqlite3'}"
    result = run_manage("shell", "-c", code, env_overrides={**PRODUCTION, "DATABASE_URL": database})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production(settings, production_security):
    for name, value in production_security.items():
        setattr(settings, name, value)
    return settings


def policy(response):
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_public_policy(response, where):
    directives = policy(response)
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts, where
    assert all(value == "'self'" or value.startswith("'nonce-") for value in scripts), where
    for name in ("default-src", "script-src", "style-src"):
        assert not any("unsafe" in value for value in directives.get(name, [])), (where, name)
    assert directives["default-src"] == ["'self'"], where
    assert directives["object-src"] == ["'none'"], where
    assert directives["base-uri"] == ["'none'"], where
    assert directives["frame-ancestors"] == ["'none'"], where
    assert directives["form-action"] == ["'self'"], where
    assert_permissions_policy(response, where)


def assert_permissions_policy(response, where):
    header = response.get("Permissions-Policy", "")
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in header, (where, feature)


def test_every_page_type_answers_with_the_strict_public_policy(production):
    call_command("load_demo_content", stdout=StringIO())
    NewsletterIssuePageFactory()  # the demo's issue is a draft
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("depth", "path"):
        pages.setdefault(type(page), page)
    page_types = {m for m in get_page_models() if m is not Page and not m._meta.abstract}
    assert set(pages) == page_types
    client = Client()
    for page in pages.values():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_public_policy(response, page.url)
        # Nothing on the public pages depends on a nonce (the page cache would freeze it).
        assert "nonce" not in response.content.decode(), page.url


def test_other_public_answers_carry_the_policies(production, home_page):
    client = Client()
    for url in ("/suche/?q=Jugend", "/newsletter/abonnieren/", "/gibt-es-nicht/", "/robots.txt"):
        assert_public_policy(client.get(url), url)
    download = client.get(f"/dokumente/{DocumentFactory().pk}/")
    assert download.status_code == 200
    # Wagtail's own, stricter policy for files is kept.
    assert download["Content-Security-Policy"] == "default-src 'none'"
    assert_permissions_policy(download, "download")


def test_pages_from_the_page_cache_carry_the_policies(production, home_page, settings):
    settings.PAGE_CACHE_ENABLED = True
    hits = []

    def count(**kwargs):
        hits.append(kwargs)

    served_from_cache.connect(count)
    try:
        client = Client()
        client.get("/")
        response = client.get("/")
    finally:
        served_from_cache.disconnect(count)
    assert hits, "die zweite Antwort kam nicht aus dem Seiten-Cache"
    assert_public_policy(response, "/ aus dem Cache")


def test_admin_has_its_own_policy(production, superuser_client):
    for client, url in ((Client(), "/admin/login/"), (superuser_client, "/admin/")):
        response = client.get(url)
        directives = policy(response)
        assert "'unsafe-eval'" not in directives["script-src"], url
        assert directives["frame-ancestors"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["base-uri"] == ["'none'"], url
        assert_permissions_policy(response, url)


def test_previews_render_with_the_admin_policy_inside_the_admin(production, superuser_client):
    page = SectionPageFactory(title="Vorschau im Admin")
    data = PageTypeChecks.form_data(SimpleNamespace(page=page, page_model=type(page)))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert superuser_client.post(preview_url, data).json()["is_valid"]
    response = superuser_client.get(preview_url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert "Vorschau im Admin" in response.content.decode()
    directives = policy(response)
    # The admin frames the preview: the public frame-ancestors 'none' would blank it.
    assert directives["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_debug_pages_keep_working(settings, home_page):
    settings.DEBUG = True
    response = Client().get("/gibt-es-nicht/")
    assert response.status_code == 404
    # Django's technical 404 page is left without a policy (its inline styles work).
    assert "Content-Security-Policy" not in response
