"""The fragment cache (``{% fragmentcache %}``, ec_site/fragments.py): listing bodies,
event relations, search results and routed pages are kept until the next change, are
never stale after one, and are never used for previews or editors."""

import io
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.rich_text import RichText

from conference.models import EventKind
from tests import cache_backends as recorded
from tests.cache_backends import recording_caches
from tests.conftest import clear_caches
from tests.factories.areas import AreaIndexPageFactory, AreaPageFactory
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    EventFolderPageFactory,
    EventPageFactory,
    RetrospectiveIndexPageFactory,
)
from tests.factories.home import SectionPageFactory
from tests.login import log_in

# Committed transactions, as in production: the content version is renewed on commit.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fragment_cache_on"),
]

NOW = "2006-05-01 12:00 +02:00"


@pytest.fixture
def fragment_cache_on():
    with override_settings(CACHES=recording_caches()):
        clear_caches()
        recorded.reset()
        yield
        clear_caches()


def fragment_keys():
    return recorded.written["template_fragments"]


@pytest.fixture
def events(home_page):
    AnnouncementIndexPageFactory()
    RetrospectiveIndexPageFactory()
    EventFolderPageFactory()


def event(title, start, **fields):
    return EventPageFactory(
        title=title, target_group="", motto="", start_date=start, end_date=start, **fields
    )


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


@time_machine.travel(NOW, tick=False)
def test_listing_is_rendered_once_and_renewed_by_a_publish(client, events):
    event("Fachforum Alt", date(2004, 3, 1))
    first, cold = queries_for(client, "/rueckblick/")
    second, warm = queries_for(client, "/rueckblick/")
    assert warm < cold
    assert second.content == first.content

    event("Fachforum Neu", date(2005, 3, 1))  # published: a new content version
    response, _ = queries_for(client, "/rueckblick/")
    assert "Fachforum Neu" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_unpublishing_removes_an_event_from_the_cached_listing(client, events):
    gone = event("Fachforum Gestrichen", date(2004, 3, 1))
    assert "Fachforum Gestrichen" in client.get("/rueckblick/").content.decode()
    gone.unpublish()
    assert "Fachforum Gestrichen" not in client.get("/rueckblick/").content.decode()


def test_an_event_moves_to_the_retrospective_at_midnight_without_a_publish(client, events):
    with time_machine.travel("2006-05-01 23:00 +02:00", tick=False):
        event("Tagung Heute", date(2006, 5, 1))
        assert "Tagung Heute" in client.get("/ankuendigungen/").content.decode()
        assert "Tagung Heute" not in client.get("/rueckblick/").content.decode()
    with time_machine.travel("2006-05-02 00:30 +02:00", tick=False):
        assert "Tagung Heute" not in client.get("/ankuendigungen/").content.decode()
        assert "Tagung Heute" in client.get("/rueckblick/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_filters_and_pages_are_cached_separately(client, events):
    event("Fachforum 2004", date(2004, 3, 1), event_kind=EventKind.FORUM)
    event("Fachforum 2005", date(2005, 3, 1), event_kind=EventKind.FORUM)
    all_years = client.get("/rueckblick/").content.decode()
    one_year = client.get("/rueckblick/?jahr=2004").content.decode()
    assert "Fachforum 2005" in all_years and "Fachforum 2005" not in one_year
    # A mistyped filter keeps its German message, cached or not.
    for _ in range(2):
        bad = client.get("/rueckblick/?jahr=1800").content.decode()
        assert "Für dieses Jahr gibt es keinen Rückblick" in bad


@time_machine.travel(NOW, tick=False)
def test_start_page_events_follow_a_publish(client, events):
    client.get("/")
    event("Jahrestagung Bald", date(2006, 6, 1))
    assert "Jahrestagung Bald" in client.get("/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_event_documentation_and_areas_follow_a_publish(client, events):
    AreaIndexPageFactory()
    forum = event("Fachforum", date(2004, 3, 1))
    area = AreaPageFactory(title="Rollbergsiedlung", bundesland="berlin")
    url = forum.get_url()
    assert "Rollbergsiedlung" not in client.get(url).content.decode()
    forum.area_links.create(area=area)
    forum.save_revision().publish()
    assert "Rollbergsiedlung" in client.get(url).content.decode()
    assert "Fachforum" in client.get(area.get_url()).content.decode()


@time_machine.travel(NOW, tick=False)
def test_previews_bypass_the_fragment_cache(client, events):
    forum = event("Fachforum", date(2004, 3, 1))
    client.get(forum.get_url())  # the live report section is cached now
    forum.report = [("paragraph", RichText("<p>Entwurfstext</p>"))]
    preview = forum.make_preview_request()
    assert "Entwurfstext" in preview.content.decode()
    assert "Entwurfstext" not in client.get(forum.get_url()).content.decode()


@time_machine.travel(NOW, tick=False)
def test_gebietslisten_follow_a_new_area(client, home_page):
    AreaIndexPageFactory()
    AreaPageFactory(title="Rollbergsiedlung", bundesland="berlin")
    client.get("/gebietslisten/")
    client.get("/gebietslisten/berlin/")
    AreaPageFactory(title="Marzahn Nord", bundesland="berlin")
    assert "Marzahn Nord" in client.get("/gebietslisten/").content.decode()
    assert "Marzahn Nord" in client.get("/gebietslisten/berlin/").content.decode()


def test_routed_pages_follow_title_changes_and_moves(client, home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    child = SectionPageFactory(parent=page, title="Bausteine", slug="bausteine")
    _, cold = queries_for(client, "/programm/bausteine/")
    _, warm = queries_for(client, "/programm/bausteine/")
    assert warm < cold

    child.title = "Bausteine des Programms"
    child.save_revision().publish()
    assert "Bausteine des Programms" in client.get("/programm/bausteine/").content.decode()

    child.slug = "module"
    child.save_revision().publish()
    assert client.get("/programm/module/").status_code == 200
    old = client.get("/programm/bausteine/")  # Wagtail redirects the old address
    assert old.status_code == 301 and old["Location"] == "/programm/module/"

    child.unpublish()
    assert client.get("/programm/module/").status_code == 404


def test_editors_are_routed_from_the_database(client, home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    client.get("/programm/")  # cached for visitors
    page.title = "Programm (ungespeichert veröffentlicht)"
    page.save()  # a direct save renews nothing: only editors see it at once
    log_in(client, User.objects.create_superuser("redaktion", password="pw"))
    assert "ungespeichert" in client.get("/programm/").content.decode()


def test_search_results_are_cached_and_follow_a_publish(client, home_page):
    SectionPageFactory(title="Jugendhilfe im Quartier", slug="jugendhilfe")
    first, cold = queries_for(client, "/suche/?q=Jugendhilfe")
    second, warm = queries_for(client, "/suche/?q=Jugendhilfe")
    assert warm < cold
    assert "Jugendhilfe im Quartier" in second.content.decode()
    # Every search is still counted for the editors' statistics.
    assert Query.get("Jugendhilfe").hits == 2

    SectionPageFactory(title="Jugendhilfe und Schule", slug="schule")
    assert "Jugendhilfe und Schule" in client.get("/suche/?q=Jugendhilfe").content.decode()


def test_a_new_search_promotion_shows_at_once(client, home_page):
    page = SectionPageFactory(title="Regiestelle", slug="regiestelle")
    client.get("/suche/?q=Kontakt")
    SearchPromotion.objects.create(query=Query.get("Kontakt"), page=page, sort_order=0)
    assert "Empfehlung der Redaktion" in client.get("/suche/?q=Kontakt").content.decode()


@time_machine.travel(NOW, tick=False)
def test_listing_variants_are_stored_only_when_valid(client, events):
    for year in (2004, 2005):
        event(f"Fachforum {year}", date(year, 3, 1), event_kind=EventKind.FORUM)
    client.get("/rueckblick/")
    recorded.reset()
    # Same variant, parameters in another order or with empty values: one entry.
    for path in ("/rueckblick/?jahr=2004&art=fachforum", "/rueckblick/?art=fachforum&jahr=2004"):
        client.get(path)
    client.get("/rueckblick/?art=fachforum&jahr=2004&page=")
    listing_entries = {key for key in fragment_keys()}
    assert len(listing_entries) == 1
    # Invalid values, pages past the end, tracking tags: rendered, never stored.
    recorded.reset()
    for path in (
        "/rueckblick/?jahr=1800",
        "/rueckblick/?art=gibt-es-nicht",
        "/rueckblick/?page=99",
        "/rueckblick/?page=1",
        "/rueckblick/?page=01",
        "/rueckblick/?jahr=2004&utm_source=x",
        "/rueckblick/?page=" + "9" * 400,
    ):
        assert client.get(path).status_code == 200
    assert fragment_keys() == set()


def test_search_results_share_a_fixed_number_of_slots(client, home_page):
    SectionPageFactory(title="Jugendhilfe im Quartier", slug="jugendhilfe")
    client.get("/suche/?q=Jugendhilfe")
    recorded.reset()
    with override_settings(SEARCH_CACHE_ENTRIES=4):
        for number in range(40):
            assert client.get(f"/suche/?q=Wort{number}").status_code == 200
    search_slots = {key for key in fragment_keys()}
    assert 0 < len(search_slots) <= 4
    # A query typed otherwise than cleaned ("  Jugendhilfe ") is not stored.
    recorded.reset()
    client.get("/suche/?q=++Jugendhilfe+")
    assert fragment_keys() == set()


def test_sub_routes_are_cached_but_unknown_paths_are_not(client, home_page):
    AreaIndexPageFactory()
    AreaPageFactory(title="Rollbergsiedlung", bundesland="berlin")
    client.get("/gebietslisten/berlin/")
    response, warm = queries_for(client, "/gebietslisten/berlin/")
    assert warm == 0 and "Rollbergsiedlung" in response.content.decode()
    recorded.reset()
    for _ in range(2):
        assert client.get("/gebietslisten/atlantis/").status_code == 404
    assert fragment_keys() == set()


def test_the_page_shell_is_kept_per_page(client, home_page):
    SectionPageFactory(title="Programm", slug="programm")
    SectionPageFactory(title="Regiestelle", slug="regiestelle")
    for _ in range(2):  # rendered, then from the cache
        programm = client.get("/programm/").content.decode()
        regiestelle = client.get("/regiestelle/").content.decode()
        assert 'aria-current="page">Programm' in programm
        assert 'aria-current="page">Regiestelle' in regiestelle
        assert 'aria-current="page">Programm' not in regiestelle
    assert len(fragment_keys()) >= 4  # shell pieces of two pages

    recorded.reset()
    assert client.get("/gibt-es-nicht/").status_code == 404
    assert client.get("/gibt-es-nicht/").status_code == 404
    assert fragment_keys() == set()  # a response without a page renders its shell uncached


def test_a_deploy_renews_the_content_version():
    from django.core.management import call_command

    from ec_site.content_version import content_version

    before = content_version()
    call_command("migrate", verbosity=0)  # what a deploy runs
    assert content_version() != before


@time_machine.travel(NOW, tick=False)
def test_an_area_import_shows_at_once_after_its_commit(client, home_page, tmp_path):
    from django.core.management import call_command

    AreaIndexPageFactory()
    AreaPageFactory(title="Rollbergsiedlung", bundesland="berlin")
    assert "Kottbusser Tor" not in client.get("/gebietslisten/berlin/").content.decode()
    csv_file = tmp_path / "gebiete.csv"
    csv_file.write_text(
        "gebiets_id;gebiet;kommune;bundesland;art\nBE-077;Kottbusser Tor;Berlin;BE;soziale-stadt\n",
        encoding="utf-8",
    )
    call_command("import_areas", str(csv_file), stdout=io.StringIO())  # one transaction
    for path in ("/gebietslisten/", "/gebietslisten/berlin/"):
        assert "Kottbusser Tor" in client.get(path).content.decode()


@time_machine.travel(NOW, tick=False)
def test_switched_off_every_request_builds_the_listing_and_stores_nothing(client, events):
    event("Fachforum Alt", date(2004, 3, 1))
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        queries_for(client, "/rueckblick/")  # navigation and site lookup are still cached
        first, cold = queries_for(client, "/rueckblick/")
        second, again = queries_for(client, "/rueckblick/")
    assert again == cold
    assert second.content == first.content
    assert fragment_keys() == set()
    queries_for(client, "/rueckblick/")
    _, warm = queries_for(client, "/rueckblick/")
    assert warm < cold
    assert fragment_keys()


@time_machine.travel(NOW, tick=False)
def test_a_request_reads_each_kept_value_once(client, events):
    event("Fachforum Alt", date(2004, 3, 1))
    client.get("/rueckblick/")  # fills the caches
    with override_settings(FRAGMENT_CACHE_ENABLED=False):  # the listing is built again
        recorded.reset()
        response = client.get("/rueckblick/")
    assert "Fachforum Alt" in response.content.decode()
    kept = {key: n for key, n in recorded.read_keys["default"].items() if "ec:v:" in key}
    assert any("retrospective-counts" in key for key in kept)  # asked for four times
    assert kept and set(kept.values()) == {1}
