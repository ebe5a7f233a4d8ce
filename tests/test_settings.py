"""Production settings: refuse to start without SECRET_KEY, pass `check --deploy`, and let
all processes share one content version (files on one machine, or Redis)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.redis_servers import start_redis

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


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "ec_site.settings.production",
    "SECRET_KEY": "k" * 20 + "9f#2Lq!xZ7@pW4&vR1^mT8*bN6%cY3$hJ5",
}
RENEW = (
    "from ec_site.content_version import content_version, renew_content_version; "
    "renew_content_version(); print(content_version())"
)
READ = "from ec_site.content_version import content_version; print(content_version())"


def version_in_new_process(code, **env):
    result = run_manage("shell", "-c", code, env_overrides={**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after the shell's own notes


def test_production_processes_share_the_content_version_through_files(tmp_path):
    # The renewal waits for a commit, so each process opens a (throwaway) database.
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {"CACHE_DIR": str(tmp_path / "cache"), "REDIS_URL": "", "DATABASE_URL": database}
    renewed = version_in_new_process(RENEW, **env)
    assert renewed and version_in_new_process(READ, **env) == renewed
    assert version_in_new_process(RENEW, **env) != renewed


def test_production_processes_share_the_content_version_through_redis(tmp_path):
    server = start_redis()
    try:
        env = {"REDIS_URL": server.url, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
        renewed = version_in_new_process(RENEW, **env)
        assert renewed and version_in_new_process(READ, **env) == renewed
    finally:
        server.stop()


def load_production(monkeypatch, **env):
    import importlib

    import ec_site.settings.base as base

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    importlib.reload(base)
    try:
        return importlib.reload(importlib.import_module("ec_site.settings.production"))
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_production_settings_refuse_to_load_without_a_secret_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY ist nicht gesetzt"):
        load_production(monkeypatch)


def test_production_caches_without_redis_are_shared_through_files(monkeypatch, tmp_path):
    """Two cache handlers built from the production settings (as two worker processes
    would build them) see the same content version."""
    from django.core.cache import CacheHandler

    production = load_production(
        monkeypatch, SECRET_KEY="x" * 60, REDIS_URL="", CACHE_DIR=str(tmp_path)
    )
    first, second = CacheHandler(production.CACHES), CacheHandler(production.CACHES)
    first["content_version"].set("ec:content-version", "v1", None)
    assert second["content_version"].get("ec:content-version") == "v1"
