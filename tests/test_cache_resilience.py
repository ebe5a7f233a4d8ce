"""The caches on a real Redis, as in production: bounded against junk, alive when Redis is
stopped or full, never stale.

Each test starts its own ``redis-server`` (tests/redis_servers.py) and runs the site with
the production cache settings (``redis_caches``: page cache, fragment cache and content
version on Redis, through the degrading backend)."""

import logging
import random
import string
import time
from contextlib import contextmanager
from datetime import date

import pytest
import redis
from django.core.checks import run_checks
from django.test import Client, override_settings

from ec_site import cache_backends
from ec_site.settings.base import file_caches, redis_caches
from tests.conftest import clear_caches
from tests.factories.areas import AreaIndexPageFactory, AreaPageFactory
from tests.factories.conference import (
    AnnouncementIndexPageFactory,
    EventFolderPageFactory,
    EventPageFactory,
    RetrospectiveIndexPageFactory,
)
from tests.factories.documents import DocumentFactory
from tests.factories.home import SectionPageFactory
from tests.redis_servers import RedisServer, free_port, start_redis

# Committed transactions, as in production: the content version is renewed on commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = ("/", "/programm/", "/rueckblick/", "/ankuendigungen/", "/gebietslisten/")


@contextmanager
def site_on(url):
    with override_settings(CACHES=redis_caches(url), PAGE_CACHE_ENABLED=True):
        yield
        clear_caches()


@pytest.fixture
def content(home_page):
    SectionPageFactory(title="Programm", slug="programm", intro="Erste Fassung")
    AnnouncementIndexPageFactory()
    RetrospectiveIndexPageFactory()
    EventFolderPageFactory()
    for year in (2004, 2005):
        EventPageFactory(title=f"Fachforum {year}", start_date=date(year, 3, 1), end_date=None)
    AreaIndexPageFactory()
    AreaPageFactory(title="Rollbergsiedlung", bundesland="berlin")
    return {"document": DocumentFactory(title="Dokumentation 2005")}


@pytest.fixture
def redis_server():
    server = start_redis("--maxmemory", "64mb", "--maxmemory-policy", "noeviction")
    yield server
    server.stop()


def junk(rng):
    word = "".join(rng.choices(string.ascii_lowercase + string.digits, k=10))
    return rng.choice(
        [
            f"/?utm_source={word}",
            f"/programm/?fbclid={word}&utm_campaign={word}",
            f"/programm/?page={rng.randint(2, 10**6)}",
            f"/rueckblick/?jahr={rng.randint(1000, 9999)}",
            f"/rueckblick/?art={word}",
            f"/rueckblick/?page={rng.randint(2, 10**6)}",
            f"/rueckblick/?jahr=2004&utm_source={word}",
            f"/ankuendigungen/?page={word}",
            f"/gebietslisten/?bundesland={word}",
            f"/gebietslisten/?q={word}",
            f"/gebietslisten/?programm={word}&art={word}",
            f"/gebietslisten/csv/?bundesland={word}",
            f"/suche/?q={word}",
            f"/suche/?q=Fachforum&typ={word}",
            f"/suche/?q=Fachforum&page={rng.randint(2, 10**6)}",
            f"/{word}/",
            f"/rueckblick/{word}/",
        ]
    )


def test_junk_query_strings_and_filter_values_grow_the_cache_by_little(content, redis_server):
    with site_on(redis_server.url):
        client = Client()
        for path in PAGES:
            assert client.get(path).status_code == 200
            assert client.get(path)["X-Page-Cache"] == "hit"
        before = redis_server.entries()
        rng = random.Random(12)
        statuses = [client.get(junk(rng)).status_code for _ in range(1200)]
        grown = redis_server.entries() - before
    assert max(statuses) < 500
    assert grown <= 60, grown


def test_a_stopped_redis_leaves_every_page_answering(content, caplog):
    down = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    editor_client = Client()
    with site_on(down), caplog.at_level(logging.WARNING, logger="ec_site.cache"):
        client = Client()
        for path in (*PAGES, "/suche/?q=Fachforum", "/gebietslisten/berlin/", "/admin/login/"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.get("X-Page-Cache") != "hit"
        document = content["document"]
        download = client.get(document.url)
        assert download.status_code == 200
        health = client.get("/health/")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded" and health.json()["database"] == "ok"
        # Editors still publish; the next reader sees it (nothing is cached).
        from home.models import SectionPage

        page = SectionPage.objects.get(slug="programm")
        page.intro = "Zweite Fassung"
        page.save_revision().publish()
        assert "Zweite Fassung" in client.get("/programm/").content.decode()
        assert editor_client.get("/programm/").status_code == 200
    warnings = [record for record in caplog.records if record.name == "ec_site.cache"]
    assert 1 <= len(warnings) <= 2  # logged, but at most once a minute per store


def test_a_full_redis_answers_uncached_and_stays_fresh(content):
    server = start_redis("--maxmemory", "4mb", "--maxmemory-policy", "noeviction")
    try:
        with site_on(server.url):
            client = Client()
            assert "Erste Fassung" in client.get("/programm/").content.decode()
            assert client.get("/programm/")["X-Page-Cache"] == "hit"
            filler = server.client()
            with pytest.raises(redis.exceptions.ResponseError):  # until Redis refuses
                for number in range(100_000):
                    filler.set(f"ballast:{number}", "x" * 10_000)
            # Stays full, however little a moment frees (client buffers, expiring keys).
            filler.config_set("maxmemory", "1mb")
            for path in PAGES:
                assert client.get(path).status_code == 200
            assert client.get("/health/").json()["cache"] != "ok"

            from home.models import SectionPage

            page = SectionPage.objects.get(slug="programm")
            page.intro = "Zweite Fassung"
            page.save_revision().publish()
            for _ in range(2):
                assert "Zweite Fassung" in client.get("/programm/").content.decode()
    finally:
        server.stop()


def test_a_renewal_refused_while_redis_was_unreachable_is_made_when_it_is_back(
    content, redis_server, monkeypatch
):
    monkeypatch.setattr(cache_backends, "RETRY_AFTER", 0.2)
    with site_on(redis_server.url):
        client = Client()
        assert "Erste Fassung" in client.get("/programm/").content.decode()
        assert client.get("/programm/")["X-Page-Cache"] == "hit"
        # Redis stops answering (the old entries stay in it) while an editor publishes.
        redis_server.client().execute_command("CLIENT", "PAUSE", "1500", "ALL")
        from home.models import SectionPage

        page = SectionPage.objects.get(slug="programm")
        page.intro = "Zweite Fassung"
        page.save_revision().publish()
        time.sleep(1.6)  # Redis answers again, with the entries stored before
        for _ in range(2):
            assert "Zweite Fassung" in client.get("/programm/").content.decode()


def test_deploy_check_warns_about_a_redis_that_refuses_when_full(redis_server):
    with override_settings(CACHES=redis_caches(redis_server.url), REDIS_URL=redis_server.url):
        ids = {message.id for message in run_checks(include_deployment_checks=True)}
        assert "ec_site.W003" in ids
        redis_server.client().config_set("maxmemory-policy", "allkeys-lru")
        ids = {message.id for message in run_checks(include_deployment_checks=True)}
        assert "ec_site.W003" not in ids
        clear_caches()


def test_deploy_check_warns_about_process_local_caches_and_workers_without_redis(monkeypatch):
    local = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        for alias in ("default", "template_fragments", "content_version")
    }
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with override_settings(CACHES=local, REDIS_URL=""):
        ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert {"ec_site.W001", "ec_site.W002"} <= ids
    monkeypatch.delenv("WEB_CONCURRENCY")
    server = RedisServer("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru").start()
    try:
        with override_settings(CACHES=redis_caches(server.url), REDIS_URL=server.url):
            ids = {message.id for message in run_checks(include_deployment_checks=True)}
            clear_caches()
    finally:
        server.stop()
    assert not ids & {"ec_site.W001", "ec_site.W002", "ec_site.W003"}


def test_an_unwritable_file_cache_leaves_every_page_answering(content, tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("kein Ordner")  # the cache folders cannot be created below a file
    with override_settings(CACHES=file_caches(blocked), PAGE_CACHE_ENABLED=True):
        client = Client()
        for path in PAGES:
            assert client.get(path).status_code == 200
            assert client.get(path).get("X-Page-Cache") != "hit"
        health = client.get("/health/")
        assert health.status_code == 200 and health.json()["cache"] != "ok"


def test_every_operation_of_a_dead_store_answers_like_a_miss():
    from django.core.cache import caches

    with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{free_port()}/0")):
        store = caches["default"]
        assert store.get("k", "fehlt") == "fehlt"
        assert store.set("k", 1) is False and store.add("k", 1) is False
        assert store.delete("k") is False and store.touch("k") is False
        assert store.has_key("k") is False and store.get_many(["a", "b"]) == {}
        assert store.set_many({"a": 1, "b": 2}) == ["a", "b"]
        store.delete_many(["a"])
        store.clear()
        with pytest.raises(ValueError):
            store.incr("k")
        cache_backends.forget_failures()
        with pytest.raises(ValueError):  # also when the store is tried again and refuses
            store.incr("k")
