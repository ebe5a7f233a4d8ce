"""``/health/``: each dependency with its state; 200 ok, 200 degraded, 503 without database."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from ec_site import health
from ec_site.settings.base import redis_caches
from tests.redis_servers import free_port

pytestmark = pytest.mark.django_db


def test_everything_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "storage_type": "lokal",
    }
    assert "no-cache" in response["Cache-Control"]


def test_without_the_database_it_answers_503(client):
    with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("weg")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "nicht erreichbar"


def test_a_cache_that_raises_makes_it_degraded(client):
    # Django's own Redis backend (without the degrading wrapper) raises on a dead server.
    plain = {
        alias: {**settings, "BACKEND": "django.core.cache.backends.redis.RedisCache"}
        for alias, settings in redis_caches(f"redis://127.0.0.1:{free_port()}/0").items()
    }
    with override_settings(CACHES=plain):
        status, report = health.health_report()
    assert status == 200 and report["status"] == "degraded"
    assert report["cache"] == "nicht erreichbar oder voll"


def test_storage_that_cannot_be_used_makes_it_degraded(client, tmp_path):
    blocked = tmp_path / "media"
    blocked.write_text("kein Ordner")
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked / "unten")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["storage"] == "nicht erreichbar"


def test_other_storages_are_asked_for_their_files(client):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        assert health.storage_state() == "ok"
