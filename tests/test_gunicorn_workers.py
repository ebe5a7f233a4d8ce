"""The gunicorn hooks of deploy/gunicorn.conf.py (site/workers.py): the master compiles
the templates before forking, a worker ending normally writes what it holds and leaves
without the interpreter's teardown."""

import gc
import os

import pytest
from django.template import engines
from wagtail.contrib.search_promotions.models import Query

from search.promotions import record_query
from tests.test_gunicorn_config import load_config


def cached_template_names():
    names = set()
    for loader in engines["django"].engine.template_loaders:
        names.update(getattr(loader, "get_template_cache", {}))
    return names


def reset_template_cache():
    for loader in engines["django"].engine.template_loaders:
        if hasattr(loader, "reset"):
            loader.reset()


def test_the_master_compiles_every_template_before_forking(monkeypatch):
    config = load_config(monkeypatch)
    reset_template_cache()
    assert "base.html" not in cached_template_names()
    server = type("Arbiter", (), {"cfg": config})()
    try:
        config.on_starting(server)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    names = cached_template_names()
    assert {"base.html", "search/search.html", "conference/event_page.html"} <= names
    # Wagtail's admin templates too: an editor's first request in a new worker.
    assert "wagtailadmin/home.html" in names


@pytest.fixture
def exits(monkeypatch):
    """``os._exit`` recorded instead of ending the test process."""
    codes = []
    monkeypatch.setattr(os, "_exit", codes.append)
    return codes


def worker_ends(config, code):
    try:
        raise SystemExit(code)
    except SystemExit:
        config.worker_exit(None, None)


def hits(query_string):
    return sum(daily.hits for daily in Query.get(query_string).daily_hits.all())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_ending_normally_writes_its_search_counts_and_leaves(monkeypatch, settings, exits):
    settings.SEARCH_STATISTICS_INTERVAL = 3600
    config = load_config(monkeypatch)
    record_query("Kinderarmut")  # the first count of a process is written at once
    record_query("Kinderarmut")  # this one waits for the interval
    assert hits("kinderarmut") == 1
    worker_ends(config, 0)
    assert exits == [0]
    assert hits("kinderarmut") == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_that_failed_to_boot_ends_as_gunicorn_expects(monkeypatch, settings, exits):
    config = load_config(monkeypatch)
    worker_ends(config, 3)  # gunicorn's WORKER_BOOT_ERROR: the master must see it
    assert exits == []
