"""The deployment files in deploy/, run as an operator would: nginx (deploy/nginx/ec-site.conf,
its placeholders swapped for loopback ports and temporary folders) in front of two gunicorn
instances (deploy/gunicorn.conf.py) on one database and production settings.

Checks pages and health through nginx, document downloads handed to nginx with
X-Accel-Redirect (Range included), and a rolling restart of both instances while requests
run, with zero failed requests. Debian's nginx is installed by ``make test-unit``."""

import subprocess
import threading
import time
from pathlib import Path

import pytest

from bench.nginx import ACCEL_PREFIX, HOST, LocalNginx, installed
from tests.app_servers import (
    BASE_DIR,
    PYTHON,
    Database,
    Instance,
    fetch,
    free_port,
    manage,
    production_environment,
    wait_for,
)

pytestmark = [pytest.mark.deploy]

NGINX_FAIL_TIMEOUT = 10  # deploy/nginx/ec-site.conf


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    if not installed():
        pytest.skip("Debian's nginx is not installed (make nginx-deps installs it)")
    tmp_path = tmp_path_factory.mktemp("deploy")
    (tmp_path / "var" / "media").mkdir(parents=True)
    database = Database(tmp_path)
    env = production_environment(
        database.url,
        tmp_path,
        MEDIA_ROOT=str(tmp_path / "var" / "media"),
        DOCUMENTS_ACCEL_REDIRECT_PREFIX=ACCEL_PREFIX,
        WEB_CONCURRENCY="2",
    )
    database.create()
    instances = []
    nginx = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo_content", "--adresse", f"{HOST}:443")
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
            # As the README's rolling deploy says: nginx tries a failed server again only
            # after fail_timeout (10 s); restarting the other one sooner leaves none.
            time.sleep(NGINX_FAIL_TIMEOUT + 2)
    finally:
        running.clear()
        for thread in visitors:
            thread.join()
    assert results["failed"] == []
    assert results["ok"] > 50
