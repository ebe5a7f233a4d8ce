"""The deployment files in deploy/, run as an operator would: nginx (deploy/nginx/ec-site.conf,
its placeholders swapped for loopback ports and temporary folders) in front of two gunicorn
instances (deploy/gunicorn.conf.py) on one database and production settings.

Checks pages and health through nginx, document downloads handed to nginx with
X-Accel-Redirect (Range included), and a rolling restart of both instances while requests
run, with zero failed requests. Debian's nginx is installed by ``make test-unit``."""

import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from bench.nginx import ACCEL_PREFIX, HOST, LocalNginx, installed

pytestmark = [pytest.mark.deploy]

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=90, headers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=3, context=insecure()) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def insecure():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects, urllib.request.HTTPSHandler(context=insecure()))


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers={"Host": HOST, **(headers or {})})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Database:
    """A fresh database for the two instances: PostgreSQL when the suite runs on it."""

    def __init__(self, tmp_path):
        self.admin_url = os.environ.get("DATABASE_URL", "")
        if self.admin_url.startswith("postgres"):
            self.name = f"ec_deploy_{uuid.uuid4().hex[:8]}"
            self.url = self.admin_url.rsplit("/", 1)[0] + "/" + self.name
        else:
            self.name = None
            self.url = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"

    def _postgres(self, statement):
        import psycopg2

        # The maintenance database: the suite's own may not exist (pytest-django makes test_…).
        connection = psycopg2.connect(self.admin_url.rsplit("/", 1)[0] + "/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
        connection.close()

    def create(self):
        if self.name:
            self._postgres(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.name:
            self._postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Instance:
    def __init__(self, env, log_dir, number):
        self.env = env
        self.port = free_port()
        self.log = log_dir / f"gunicorn-{number}.log"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [GUNICORN, "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(f"http://127.0.0.1:{self.port}/health/")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: gunicorn's graceful shutdown
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    if not installed():
        pytest.skip("Debian's nginx is not installed (make nginx-deps installs it)")
    tmp_path = tmp_path_factory.mktemp("deploy")
    (tmp_path / "var" / "media").mkdir(parents=True)
    database = Database(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ec_site.settings.production",
        "SECRET_KEY": "deploy-test-" + "x" * 50,
        "DATABASE_URL": database.url,
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "MEDIA_ROOT": str(tmp_path / "var" / "media"),
        "STATIC_ROOT": str(tmp_path / "var" / "static"),
        "CACHE_DIR": str(tmp_path / "var" / "cache"),
        "DOCUMENTS_ACCEL_REDIRECT_PREFIX": ACCEL_PREFIX,
        "WEB_CONCURRENCY": "2",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    database.create()
    instances = []
    nginx = None
    try:
        for command in (
            ["migrate", "--noinput", "-v", "0"],
            ["collectstatic", "--noinput", "-v", "0"],
            ["load_demo_content", "--adresse", f"{HOST}:443"],
        ):
            subprocess.run(
                [PYTHON, "manage.py", *command], cwd=BASE_DIR, env=env, check=True, timeout=600
            )
        instances = [Instance(env, tmp_path, number) for number in (1, 2)]
        for instance in instances:
            instance.start()
        http_port, https_port = free_port(), free_port()
        nginx = LocalNginx(
            tmp_path / "nginx", [i.port for i in instances], tmp_path / "var", http_port, https_port
        ).start()
        base = f"https://127.0.0.1:{https_port}"
        wait_for(f"{base}/health/", headers={"Host": HOST})
        yield {
            "base": base,
            "http": f"http://127.0.0.1:{http_port}",
            "instances": instances,
            "env": env,
        }
    finally:
        if nginx is not None:
            nginx.stop()
        for instance in instances:
            instance.stop()
        database.drop()


def demo_document_path(env):
    """The address of a demo documentation PDF and its bytes, read through Django."""
    script = (
        "import django, sys; django.setup();"
        "from wagtail.documents import get_document_model;"
        "d = get_document_model().objects.filter(file__endswith='.pdf', approved=True).first();"
        "sys.stdout.write(d.url + '\\n' + d.file.path)"
    )
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True
    ).stdout
    url, path = output.splitlines()
    return url, Path(path).read_bytes()


def test_pages_and_health_through_nginx(deployment):
    base = deployment["base"]
    status, _headers, body = fetch(f"{base}/")
    assert status == 200 and b"E&amp;C" in body
    status, _headers, body = fetch(f"{base}/health/")
    assert status == 200 and b'"database": "ok"' in body
    status, headers, _body = fetch(f"{deployment['http']}/rueckblick/")
    assert status == 301 and headers["Location"].startswith(f"https://{HOST}/")


def test_documents_are_handed_to_nginx(deployment):
    url, content = demo_document_path(deployment["env"])
    instance = deployment["instances"][0]
    status, headers, body = fetch(
        f"http://127.0.0.1:{instance.port}{url}", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 200 and body == b""
    assert headers["X-Accel-Redirect"].startswith(f"{ACCEL_PREFIX}documents/")

    status, headers, body = fetch(f"{deployment['base']}{url}")
    assert status == 200 and body == content
    assert "X-Accel-Redirect" not in headers
    assert headers["Content-Type"] == "application/pdf"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'"

    status, headers, body = fetch(f"{deployment['base']}{url}", headers={"Range": "bytes=0-99"})
    assert status == 206 and body == content[:100]

    direct = fetch(f"{deployment['base']}{ACCEL_PREFIX}{Path(url).name}")
    assert direct[0] == 404


def test_rolling_restart_fails_no_request(deployment):
    base = deployment["base"]
    url, _content = demo_document_path(deployment["env"])
    paths = ["/", "/rueckblick/", "/health/", url]
    results = {"ok": 0, "failed": []}
    running = threading.Event()
    running.set()

    def visitor():
        index = 0
        while running.is_set():
            path = paths[index % len(paths)]
            index += 1
            try:
                status, _headers, _body = fetch(f"{base}{path}")
            except OSError as error:
                results["failed"].append((path, repr(error)))
                continue
            if status == 200:
                results["ok"] += 1
            else:
                results["failed"].append((path, status))

    visitors = [threading.Thread(target=visitor) for _ in range(3)]
    for thread in visitors:
        thread.start()
    try:
        time.sleep(1)
        for instance in deployment["instances"]:
            instance.stop()
            instance.start()
            time.sleep(1)
    finally:
        running.clear()
        for thread in visitors:
            thread.join()
    assert results["failed"] == []
    assert results["ok"] > 50
