"""Production settings: refuse to start without SECRET_KEY, pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check", env_overrides={"DJANGO_SETTINGS_MODULE": "ec_site.settings.production"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY ist nicht gesetzt" in result.stderr


def test_production_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "ec_site.settings.production",
            "SECRET_KEY": "k" * 20 + "9f#2Lq!xZ7@pW4&vR1^mT8*bN6%cY3$hJ5",
            "ALLOWED_HOSTS": "www.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_values(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DATABASE_URL", "postgres://ec:pw@db.example.org:5432/ec")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    import ec_site.settings.base as base

    importlib.reload(base)
    production = importlib.import_module("ec_site.settings.production")
    production = importlib.reload(production)
    try:
        assert production.DEBUG is False
        assert production.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert production.DATABASES["default"]["HOST"] == "db.example.org"
        assert production.CACHES["default"]["BACKEND"].endswith("RedisCache")
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)
        production = importlib.reload(production)
        # Without Redis all worker processes share one file-based cache.
        assert production.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
        assert production.STORAGES["staticfiles"]["BACKEND"] == (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
        assert production.LANGUAGE_CODE == "de"
        assert production.TIME_ZONE == "Europe/Berlin"
        assert production.WAGTAIL_ENABLE_UPDATE_CHECK is False
        assert production.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    finally:
        monkeypatch.delenv("DATABASE_URL")
        monkeypatch.delenv("REDIS_URL", raising=False)
        importlib.reload(base)
