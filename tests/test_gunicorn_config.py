"""deploy/gunicorn.conf.py: read by gunicorn's own config loader, and a gunicorn started
with it serves the site."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gunicorn.app.base import Application
from gunicorn.util import import_app

BASE_DIR = Path(__file__).resolve().parents[1]
CONFIG = BASE_DIR / "deploy" / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")


class ConfigFileOnly(Application):
    """gunicorn's application, configured from the file alone (no command line)."""

    def load_config(self):
        self.load_config_from_file(str(CONFIG))

    def init(self, parser, opts, args):
        return None

    def load(self):
        return import_app(self.cfg.wsgi_app)


def load_config(monkeypatch, **environment):
    for name in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS", "GUNICORN_CMD_ARGS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return ConfigFileOnly().cfg


def test_workers_and_trusted_proxies_come_from_the_environment(monkeypatch):
    config = load_config(monkeypatch, WEB_CONCURRENCY="3", FORWARDED_ALLOW_IPS="10.0.0.5")
    assert config.workers == 3
    assert config.forwarded_allow_ips == ["10.0.0.5"]


def test_without_environment_the_defaults_are_bounded(monkeypatch):
    config = load_config(monkeypatch)
    assert 1 <= config.workers <= 8
    assert config.forwarded_allow_ips == ["127.0.0.1", "::1"]


def test_the_wsgi_app_it_names_is_the_site():
    application = ConfigFileOnly().load()
    assert callable(application)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def gunicorn_server(tmp_path):
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ec_site.settings.test",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
    }
    environment.pop("DATABASE_URL", None)  # an empty SQLite file of its own is enough
    process = subprocess.Popen(
        [str(GUNICORN), "--config", str(CONFIG), "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("wb"),
    )
    try:
        for _attempt in range(240):  # up to about a minute on a busy machine
            if process.poll() is not None:
                pytest.fail("gunicorn stopped: " + (tmp_path / "gunicorn.log").read_text())
            try:
                request(port, "/health/")
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("gunicorn did not answer: " + (tmp_path / "gunicorn.log").read_text())
        yield port
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_gunicorn_with_the_config_file_serves_health(gunicorn_server):
    status, body = request(gunicorn_server, "/health/")
    assert status == 200
    assert json.loads(body)["database"] == "ok"


def test_gunicorn_refuses_an_overlong_request_line(gunicorn_server):
    status, _body = request(gunicorn_server, "/suche/?q=" + "a" * 10_000)
    assert status == 414


def test_gunicorn_refuses_an_oversized_header_but_not_a_long_range(gunicorn_server):
    status, _body = request(gunicorn_server, "/health/", {"X-Junk": "x" * 9000})
    assert status in (400, 431)
    # A Range header of 5,000 digits fits the limits; the site answers it (never 5xx).
    status, _body = request(gunicorn_server, "/health/", {"Range": "bytes=" + "9" * 5000})
    assert status == 200
