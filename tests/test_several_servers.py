"""Issue 19's check as an operator runs it: two gunicorn instances on one database, one Redis
and one local S3 server (moto), each with an empty MEDIA_ROOT of its own.

The demo's files live in the bucket and on no disk; a publish through a third process is
served by both instances at once (the page cache on, renewed through the shared Redis); a
documentation PDF downloads through the second instance; /health/ names the storage."""

import hashlib
import json
import subprocess
import uuid

import pytest

from tests.app_servers import (
    BASE_DIR,
    PYTHON,
    Database,
    Instance,
    fetch,
    manage,
    production_environment,
)
from tests.redis_servers import RedisServer
from tests.s3_servers import S3Server

pytestmark = [pytest.mark.deploy]

HTTPS = {"X-Forwarded-Proto": "https"}
TITLE_SCRIPT = """
from wagtail.models import Page
page = Page.objects.get(url_path__endswith="/programm/").specific
page.title = "{title}"
page.save_revision().publish()
"""
DOCUMENT_SCRIPT = """
import json
from wagtail.documents import get_document_model
d = get_document_model().objects.filter(file__endswith=".pdf", approved=True).first()
print(json.dumps({"url": d.url, "key": d.file.name}))
"""


def files_below(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("servers")
    s3 = S3Server()
    s3.server.start()
    redis = RedisServer()
    redis.start()
    database = Database(tmp_path)
    database.create()
    instances = []
    try:
        bucket = s3.create_bucket(f"ec-medien-{uuid.uuid4().hex[:6]}")
        shared = {
            **s3.environment(bucket),
            "REDIS_URL": redis.url,
            "PAGE_CACHE_ENABLED": "1",
            "WEB_CONCURRENCY": "2",
        }
        third = production_environment(
            database.url, tmp_path, MEDIA_ROOT=str(tmp_path / "media-setup"), **shared
        )
        manage(third, "migrate", "--noinput", "-v", "0")
        manage(third, "collectstatic", "--noinput", "-v", "0")
        manage(third, "load_demo_content", "--adresse", "www.example.org:443")
        for number in (1, 2):
            env = production_environment(
                database.url, tmp_path, MEDIA_ROOT=str(tmp_path / f"media-{number}"), **shared
            )
            instances.append(Instance(env, tmp_path, number))
        for instance in instances:
            instance.start()
        yield {
            "instances": instances,
            "third": third,
            "s3": s3,
            "bucket": bucket,
            "media_roots": [tmp_path / name for name in ("media-setup", "media-1", "media-2")],
        }
    finally:
        for instance in instances:
            instance.stop()
        database.drop()
        redis.stop()
        s3.server.stop()


def url(instance, path):
    return f"http://127.0.0.1:{instance.port}{path}"


def shell(env, script, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout if capture else None


def test_the_demo_files_live_in_the_bucket_only(servers):
    keys = servers["s3"].hashes(servers["bucket"])
    assert any(key.startswith("documents/") for key in keys)
    assert any(key.startswith("original_images/") for key in keys)
    for folder in servers["media_roots"]:
        assert files_below(folder) == []


def test_a_publish_through_a_third_process_shows_on_both_at_once(servers):
    first, second = servers["instances"]
    for instance in (first, second):  # both have the page in their (shared) cache now
        status, _headers, body = fetch(url(instance, "/basisinfo/programm/"), headers=HTTPS)
        assert status == 200
    title = f"Programm {uuid.uuid4().hex[:8]}"
    shell(servers["third"], TITLE_SCRIPT.format(title=title))
    for instance in (first, second):
        status, _headers, body = fetch(url(instance, "/basisinfo/programm/"), headers=HTTPS)
        assert status == 200 and title in body.decode()


def test_a_documentation_downloads_through_the_second_instance(servers):
    document = json.loads(shell(servers["third"], DOCUMENT_SCRIPT, capture=True).splitlines()[-1])
    expected = servers["s3"].hashes(servers["bucket"])[document["key"]]
    status, headers, body = fetch(url(servers["instances"][1], document["url"]), headers=HTTPS)
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert hashlib.sha256(body).hexdigest() == expected


def test_health_names_the_storage_on_both(servers):
    for instance in servers["instances"]:
        status, _headers, body = fetch(url(instance, "/health/"))
        report = json.loads(body)
        assert status == 200 and report["storage"] == "ok" and report["storage_type"] == "s3"
