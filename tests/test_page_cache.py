"""The anonymous whole-page cache: hits, headers, bypasses and invalidation."""

import datetime
import http.server
import threading

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from ec_site.page_cache import is_cacheable_response
from home.models import FooterSettings, PartnerLink, SectionPage
from tests import cache_backends as recorded
from tests.cache_backends import recording_caches
from tests.factories.home import SectionPageFactory
from tests.login import log_in

# Committed transactions, as in production: the content version is renewed on commit.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache_on"),
]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield


class PurgeServer:
    """A proxy stand-in on 127.0.0.1 that records the purge requests it receives."""

    def __init__(self):
        self.paths, self.methods = [], []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 - the HTTP method's name
                recorder.paths.append(self.path)
                recorder.methods.append(self.command)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def purge_server():
    server = PurgeServer()
    yield server
    server.server.shutdown()


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


@override_settings(PAGE_CACHE_BROWSER_MAX_AGE=17, PAGE_CACHE_SHARED_MAX_AGE=170)
def test_public_pages_carry_the_configured_shared_cache_headers(client, section):
    for _ in range(2):  # rendered, then from the cache
        cache_control = client.get("/programm/")["Cache-Control"]
        directives = {part.strip() for part in cache_control.split(",")}
        assert directives == {"public", "max-age=17", "s-maxage=170"}


def test_head_requests_are_answered_from_the_cache(client, section):
    client.get("/programm/")
    response = client.head("/programm/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


def test_unknown_parameters_are_answered_from_the_canonical_entry(client, section):
    canonical = client.get("/programm/")
    for tag in ("utm_source=newsletter", "fbclid=abc", "a=1&utm_medium=x"):
        response = client.get(f"/programm/?{tag}")
        assert response["X-Page-Cache"] == "hit"
        assert response.content == canonical.content


def test_unknown_parameters_never_create_an_entry(client, section):
    assert client.get("/programm/?utm_source=a")["X-Page-Cache"] == "miss"
    assert client.get("/programm/?utm_source=a")["X-Page-Cache"] == "miss"
    assert client.get("/programm/")["X-Page-Cache"] == "miss"  # nothing was stored
    assert client.get("/programm/?utm_source=b")["X-Page-Cache"] == "hit"


def test_parameters_a_page_does_not_read_are_not_stored(client, section):
    # "page" is a parameter of the listings, not of a content page.
    for _ in range(2):
        assert client.get("/programm/?page=2")["X-Page-Cache"] == "miss"


def test_the_scheme_is_part_of_the_key(client, section):
    assert client.get("/programm/")["X-Page-Cache"] == "miss"
    secure = client.get("/programm/", secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert client.get("/programm/", secure=True)["X-Page-Cache"] == "hit"


def test_editors_see_the_database_not_the_cached_page(client, section):
    assert "Erste Fassung" in client.get("/programm/").content.decode()
    # A save without publishing renews nothing: the cached page stays for visitors ...
    SectionPage.objects.filter(pk=section.pk).update(intro="Direkt gespeichert")
    assert "Erste Fassung" in client.get("/programm/").content.decode()
    # ... while an editor is never served from the cache.
    log_in(client, User.objects.create_superuser("redaktion", password="pw"))
    response = client.get("/programm/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Direkt gespeichert" in response.content.decode()


def test_previews_are_never_cached(client, section):
    editor = User.objects.create_superuser("redaktion", password="pw")
    log_in(client, editor)
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
    log_in(client, User.objects.create_superuser("redaktion", password="pw"))
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
    # The statement is a reading page (no form, no cookie): cached like any other.
    client.get(page.url)
    statement = client.get(page.url)
    assert statement.get("X-Page-Cache") == "hit" and not statement.cookies
    form_url = f"{page.url}feedback/"
    first = client.get(form_url)
    second = client.get(form_url)
    assert second.get("X-Page-Cache") != "hit"
    assert "csrftoken" in first.cookies  # the form page sets the cookie: never stored
    assert first.get("X-Page-Cache") != "hit"
    # Each visitor gets a page with a token matching their own cookie: the form posts.
    token = second.context["csrf_token"]
    response = client.post(
        form_url,
        {"ihre_nachricht": "Kontrast zu schwach.", "csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 200
    assert first.status_code == 200
    assert "Vielen Dank" in response.content.decode()


def test_a_publish_purges_the_frontend_cache_once_committed(client, section, purge_server):
    backend = "ec_site.frontend_cache.CommittedHTTPBackend"
    frontend = {"default": {"BACKEND": backend, "LOCATION": purge_server.url}}
    with override_settings(WAGTAILFRONTENDCACHE=frontend):
        with transaction.atomic():
            section.intro = "Zweite Fassung"
            section.save_revision().publish()
            assert purge_server.paths == []  # not before the commit
        assert purge_server.paths == ["/programm/"]
        assert purge_server.methods == ["PURGE"]


def test_the_content_version_is_read_once_per_request(client, section):
    with override_settings(CACHES=recording_caches()):
        client.get("/programm/")
        recorded.reset()
        assert client.get("/programm/")["X-Page-Cache"] == "hit"
        assert recorded.reads["content_version"] == 1
        client.get("/suche/?q=Programm")
        assert recorded.reads["content_version"] == 2


def test_a_lost_content_version_makes_the_cache_cold_not_stale(client, section):
    from django.core.cache import caches

    from ec_site.content_version import VERSION_KEY

    client.get("/programm/")
    assert client.get("/programm/")["X-Page-Cache"] == "hit"
    caches["content_version"].delete(VERSION_KEY)  # evicted, culled or Redis restarted
    response = client.get("/programm/")
    assert response["X-Page-Cache"] == "miss"
    assert "Erste Fassung" in response.content.decode()
    assert client.get("/programm/")["X-Page-Cache"] == "hit"


def test_wagtail_takes_the_site_from_the_middleware(rf, site):
    """CachedSiteMiddleware hands its cached site to Wagtail through the attribute that
    ``Site.find_for_request`` reads; should Wagtail rename it, this fails."""
    from django.http import HttpResponse
    from wagtail.models import Site

    from ec_site.middleware import CachedSiteMiddleware

    found = {}

    def view(request):
        with CaptureQueriesContext(connection) as queries:
            found["site"] = Site.find_for_request(request)
        found["queries"] = len(queries)
        return HttpResponse()

    middleware = CachedSiteMiddleware(view)
    middleware(rf.get("/"))  # the first request fills the cache
    middleware(rf.get("/"))
    assert found["site"] == site and found["queries"] == 0


def test_a_restriction_set_in_the_privacy_dialog_applies_at_once(client, section):
    assert client.get("/programm/").status_code == 200
    assert client.get("/programm/")["X-Page-Cache"] == "hit"
    admin = Client()
    log_in(admin, User.objects.create_superuser("admin", password="pw"))
    response = admin.post(
        f"/admin/pages/{section.pk}/privacy/",
        {"restriction_type": "password", "password": "geheim-2006", "groups": []},
    )
    assert response.status_code == 200 and PageViewRestriction.objects.exists()
    restricted = client.get("/programm/")
    assert "Erste Fassung" not in restricted.content.decode()
    assert "password" in restricted.content.decode()


@override_settings(SEARCH_CACHE_ENTRIES=3)
def test_searches_share_a_fixed_number_of_page_cache_slots(client, section):
    with override_settings(CACHES=recording_caches()):
        recorded.reset()
        for number in range(30):
            assert client.get(f"/suche/?q=Wort{number}").status_code == 200
        pages = {key for key in recorded.written["default"] if "ec:page:" in key}
        assert 0 < len(pages) <= 3
        # A slot answers only the search it holds.
        last = client.get("/suche/?q=Wort29")
        assert last["X-Page-Cache"] == "hit" and "Wort29" in last.content.decode()


def test_the_documentation_list_stores_its_valid_variants_only(client, home_page):
    from tests.factories.documents import DocumentFactory, DocumentListPageFactory

    page = DocumentListPageFactory(title="Dokumentationen", slug="dokumentationen")
    DocumentFactory(title="Doku 2005", year=2005, collection=page.collection)
    for path in ("/dokumentationen/", "/dokumentationen/?jahr=2005"):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path
    for path in ("/dokumentationen/?jahr=1850", "/dokumentationen/?q=Doku"):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "miss", path
