"""The fragment cache (``{% fragmentcache %}``, ec_site/fragments.py): listing bodies,
event relations, search results and routed pages are kept until the next change, are
never stale after one, and are never used for previews or editors."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.rich_text import RichText

from conference.models import EventKind
from ec_site.fragments import listing_variant
from tests.factories.areas import AreaIndexPageFactory, AreaPageFactory
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    EventFolderPageFactory,
    EventPageFactory,
    RetrospectiveIndexPageFactory,
)
from tests.factories.home import SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache_on")]

NOW = "2006-05-01 12:00 +02:00"


@pytest.fixture
def fragment_cache_on():
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments-under-test",
        },
    }
    with override_settings(CACHES=caches):
        from django.core.cache import caches as handler

        handler["template_fragments"].clear()
        yield


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
    assert client.get("/programm/bausteine/").status_code == 404

    child.unpublish()
    assert client.get("/programm/module/").status_code == 404


def test_editors_are_routed_from_the_database(client, home_page):
    page = SectionPageFactory(title="Programm", slug="programm")
    client.get("/programm/")  # cached for visitors
    page.title = "Programm (ungespeichert veröffentlicht)"
    page.save()  # a direct save renews nothing: only editors see it at once
    client.force_login(User.objects.create_superuser("redaktion", password="pw"))
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


def test_listing_variant_names_the_listing_and_its_parameters():
    factory = RequestFactory()
    a = listing_variant(factory.get("/rueckblick/?page=2&jahr=2004"), ("page", "jahr"))
    b = listing_variant(factory.get("/rueckblick/?jahr=2004&page=2"), ("page", "jahr"))
    assert a == b  # the order of parameters does not matter
    assert a != listing_variant(factory.get("/ankuendigungen/?page=2&jahr=2004"), ("page", "jahr"))
    # Unknown parameters (tracking codes, probes) and very long query strings: no cache.
    assert listing_variant(factory.get("/rueckblick/?utm_source=x"), ("page",)) is None
    assert listing_variant(factory.get("/rueckblick/?page=" + "9" * 300), ("page",)) is None


def test_sub_routes_are_cached_but_unknown_paths_are_not(client, home_page):
    from django.core.cache import caches

    AreaIndexPageFactory()
    AreaPageFactory(title="Rollbergsiedlung", bundesland="berlin")
    client.get("/gebietslisten/berlin/")
    response, warm = queries_for(client, "/gebietslisten/berlin/")
    assert warm == 0 and "Rollbergsiedlung" in response.content.decode()
    for _ in range(2):
        assert client.get("/gebietslisten/atlantis/").status_code == 404
    stored = list(caches["template_fragments"]._cache)
    assert any("gebietslisten/berlin" in key for key in stored)
    assert not any("atlantis" in key for key in stored)


def test_the_page_shell_is_kept_per_page(client, home_page):
    from django.core.cache import caches

    SectionPageFactory(title="Programm", slug="programm")
    SectionPageFactory(title="Regiestelle", slug="regiestelle")
    for _ in range(2):  # rendered, then from the cache
        programm = client.get("/programm/").content.decode()
        regiestelle = client.get("/regiestelle/").content.decode()
        assert 'aria-current="page">Programm' in programm
        assert 'aria-current="page">Regiestelle' in regiestelle
        assert 'aria-current="page">Programm' not in regiestelle
    assert any("shell-top" in key for key in caches["template_fragments"]._cache)

    caches["template_fragments"].clear()
    assert client.get("/gibt-es-nicht/").status_code == 404
    assert not any("shell-top" in key for key in caches["template_fragments"]._cache)


def test_a_deploy_renews_the_content_version():
    from django.core.management import call_command

    from ec_site.content_version import content_version

    before = content_version()
    call_command("migrate", verbosity=0)  # what a deploy runs
    assert content_version() != before
