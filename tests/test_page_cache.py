"""The anonymous whole-page cache: hits, headers, bypasses and invalidation."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from ec_site.page_cache import is_cacheable_response
from home.models import FooterSettings, PartnerLink
from tests.factories.home import SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield


@pytest.fixture
def section(home_page):
    return SectionPageFactory(title="Programm", slug="programm", intro="Erste Fassung")


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, section):
    first = client.get("/programm/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/programm/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_public_pages_carry_shared_cache_headers(client, section):
    response = client.get("/programm/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=300" in cache_control and "max-age=60" in cache_control


def test_head_requests_are_answered_from_the_cache(client, section):
    client.get("/programm/")
    response = client.head("/programm/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


def test_query_strings_are_cached_separately(client, section):
    client.get("/programm/?a=1")
    assert client.get("/programm/?a=2")["X-Page-Cache"] == "miss"
    assert client.get("/programm/?a=1")["X-Page-Cache"] == "hit"


def test_editors_never_get_cached_pages(client, section):
    client.get("/programm/")
    editor = User.objects.create_superuser("redaktion", password="pw")
    client.force_login(editor)
    response = client.get("/programm/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    # a fresh draft revision is not visible on the live page, but the page is fresh
    section.intro = "Zweite Fassung"
    section.save_revision().publish()
    assert "Zweite Fassung" in client.get("/programm/").content.decode()


def test_previews_are_never_cached(client, section):
    editor = User.objects.create_superuser("redaktion", password="pw")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{section.pk}/edit/preview/")
    assert "X-Page-Cache" not in response


def test_publishing_a_change_is_never_served_stale(client, section):
    assert "Erste Fassung" in client.get("/programm/").content.decode()
    section.intro = "Zweite Fassung"
    revision = section.save_revision()
    assert "Erste Fassung" in client.get("/programm/").content.decode()  # draft only
    revision.publish()
    response = client.get("/programm/")
    assert response["X-Page-Cache"] == "miss"
    assert "Zweite Fassung" in response.content.decode()


def test_unpublish_move_and_delete(client, home_page, section):
    other = SectionPageFactory(title="Regiestelle", slug="regiestelle")
    client.get("/programm/"), client.get("/regiestelle/")
    section.unpublish()
    assert client.get("/programm/").status_code == 404

    client.get("/regiestelle/")
    target = SectionPageFactory(title="Basisinfo", slug="basisinfo")
    other.move(target, pos="last-child")
    moved = client.get("/regiestelle/")  # Wagtail creates a redirect for moved pages
    assert moved.status_code == 301 and moved["Location"] == "/basisinfo/regiestelle/"
    assert client.get("/basisinfo/regiestelle/").status_code == 200

    assert 'href="/basisinfo/regiestelle/"' in client.get("/basisinfo/").content.decode()
    target.get_children().first().specific.delete()
    assert 'href="/basisinfo/regiestelle/"' not in client.get("/basisinfo/").content.decode()


def test_pages_that_list_a_changed_page_are_renewed(client, home_page, section):
    # The main menu of every page lists the top-level pages.
    assert "Neue Rubrik" not in client.get("/programm/").content.decode()
    SectionPageFactory(title="Neue Rubrik", slug="neu")
    assert "Neue Rubrik" in client.get("/programm/").content.decode()


def test_site_setting_changes_renew_pages(client, section, site):
    client.get("/programm/")
    footer = FooterSettings.objects.create(site=site)
    PartnerLink.objects.create(settings=footer, name="Difu", url="https://difu.de/")
    assert "Difu" in client.get("/programm/").content.decode()


def test_document_replacement_renews_pages(client, section):
    Document = get_document_model()
    document = Document.objects.create(title="Alt", file=ContentFile(b"%PDF-1.4\n", name="a.pdf"))
    section.body = [{"type": "document", "value": {"document": document.pk, "label": ""}}]
    section.save_revision().publish()
    assert "Alt" in client.get("/programm/").content.decode()
    document.title = "Neu betitelt"
    document.save()
    assert "Neu betitelt" in client.get("/programm/").content.decode()


def test_privacy_restriction_takes_effect_at_once(client, section):
    client.get("/programm/")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get("/programm/")
    assert response.status_code == 302


def test_the_date_is_part_of_the_key(client, section):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        client.get("/programm/")
        assert client.get("/programm/")["X-Page-Cache"] == "hit"
    with time_machine.travel(datetime.datetime(2026, 3, 2, 0, 30, tzinfo=datetime.UTC)):
        # 01:30 in Berlin: a new day, so date-dependent listings are rebuilt
        assert client.get("/programm/")["X-Page-Cache"] == "miss"


def test_responses_that_set_cookies_or_forbid_caching_are_not_stored():
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("csrftoken", "abc")
    assert not is_cacheable_response(with_cookie)
    private = HttpResponse("x")
    private["Cache-Control"] = "private, no-cache"
    assert not is_cacheable_response(private)
    assert not is_cacheable_response(HttpResponse("x", status=404))
    assert is_cacheable_response(HttpResponse("x"))


def test_search_page_is_cached_here_but_not_by_browsers_or_a_cdn(client, section):
    assert client.get("/suche/?q=Programm")["X-Page-Cache"] == "miss"
    response = client.get("/suche/?q=Programm")
    assert response["X-Page-Cache"] == "hit"
    assert "max-age=0" in response["Cache-Control"] and "s-maxage=0" in response["Cache-Control"]
    # Answered from the cache, the search still counts for the editors' statistics.
    assert Query.get("Programm").hits == 2
    # Only the first result page of an unfiltered search counts.
    client.get("/suche/?q=Programm&page=2")
    client.get("/suche/?q=Programm&page=2")
    assert Query.get("Programm").hits == 2


def test_search_results_follow_a_publish(client, section):
    client.get("/suche/?q=Jugendhilfe")
    SectionPageFactory(title="Jugendhilfe im Quartier", slug="jugendhilfe")
    response = client.get("/suche/?q=Jugendhilfe")
    assert response["X-Page-Cache"] == "miss"
    assert "Jugendhilfe im Quartier" in response.content.decode()


def test_editors_search_is_private(client, section):
    client.force_login(User.objects.create_superuser("redaktion", password="pw"))
    response = client.get("/suche/?q=Programm")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_filling_in_a_document_size_does_not_empty_the_cache(client, section):
    from ec_site.content_version import content_version

    Document = get_document_model()
    document = Document.objects.create(title="Doku", file=ContentFile(b"%PDF-1.4\n", name="d.pdf"))
    version = content_version()
    document.file_size = None
    document.get_file_size()  # Wagtail saves the size with update_fields=["file_size"]
    assert content_version() == version
    document.title = "Doku neu"
    document.save()
    assert content_version() != version


def test_form_pages_are_not_cached_and_their_form_works(home_page):
    from django.test import Client

    from tests.factories.legal import AccessibilityStatementPageFactory

    page = AccessibilityStatementPageFactory(to_address="barrierefrei@example.org")
    client = Client(enforce_csrf_checks=True)
    first = client.get(page.url)
    second = client.get(page.url)
    assert second.get("X-Page-Cache") != "hit"
    assert "csrftoken" in second.cookies or "csrftoken" in client.cookies
    # Each visitor gets a page with a token matching their own cookie: the form posts.
    token = second.context["csrf_token"]
    response = client.post(
        page.url,
        {"ihre_nachricht": "Kontrast zu schwach.", "csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 200
    assert first.status_code == 200
    assert "Vielen Dank" in response.content.decode()


def test_frontend_cache_purge_hook_is_configured_by_the_environment(monkeypatch):
    import importlib

    import ec_site.settings.base as base

    monkeypatch.setenv("FRONTEND_CACHE_PURGE_URL", "http://127.0.0.1:6081/")
    try:
        reloaded = importlib.reload(base)
        backend = reloaded.WAGTAILFRONTENDCACHE["default"]
        assert backend["BACKEND"].endswith("HTTPBackend")
        assert backend["LOCATION"] == "http://127.0.0.1:6081/"
    finally:
        monkeypatch.delenv("FRONTEND_CACHE_PURGE_URL")
        importlib.reload(base)


def test_the_content_version_is_read_once_per_request(client, section):
    from unittest import mock

    from ec_site import content_version as module

    client.get("/programm/")
    with mock.patch.object(module, "_read_version", wraps=module._read_version) as read:
        assert client.get("/programm/")["X-Page-Cache"] == "hit"
        client.get("/suche/?q=Programm")
    assert read.call_count == 2
