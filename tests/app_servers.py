"""App servers as an operator runs them, for the tests that start several: gunicorn with
deploy/gunicorn.conf.py on production settings, a fresh database of their own, and an
HTTP(S) client that does not follow redirects."""

import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from bench.nginx import HOST

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def production_environment(database_url, tmp_path, **extra):
    """The variables an operator sets (README, Configuration), for a test's own folders."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ec_site.settings.production",
        "SECRET_KEY": "app-server-test-" + "x" * 50,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "var" / "static"),
        "CACHE_DIR": str(tmp_path / "var" / "cache"),
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    if "REDIS_URL" not in extra:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *arguments):
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=BASE_DIR, env=env, check=True, timeout=600
    )


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
        self.number = number
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
