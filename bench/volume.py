#!/usr/bin/env python
"""Builds the benchmark volume in the database named by DATABASE_URL and writes the
URLs to measure (label, path, SQL queries, bytes) to the file given as argument.

Run by bench/run.py with production settings; not meant to be run by hand."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ec_site.settings.production")

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SCALE = 0.1 if os.environ.get("BENCH_SMALL") else 1.0
VOLUME = {"sections": 200, "events": 1000, "areas": 400, "documents": 500}


def scaled(name):
    return max(5, int(VOLUME[name] * SCALE))


def build():
    from io import StringIO

    from django.core.management import call_command

    from bench import builders

    call_command("load_demo_content", stdout=StringIO())
    return builders.build_all(scaled)


def measure(client, path):
    """SQL queries of ``path`` once warm (fragments and routed pages cached; the whole-page
    cache is off), cold (the fragment cache off as well) and right after a publish (every
    cache renewed), and its size."""
    from django.test import override_settings

    from ec_site.content_version import renew_content_version

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return len(queries), response

    renew_content_version()
    after_publish, _ = count()
    uncached, response = count()
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        cold, _ = count()
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return f"{uncached} / {cold} / {after_publish}", len(body)


def main(out):
    urls = build()
    # Statistics as a database in use has them (autovacuum would gather them later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    rows = []
    for label, path in urls:
        queries, size = measure(client, path)
        rows.append((label, path, queries, size))
    # The yardstick: the home page's HTML as a static file, served by whitenoise.
    home_html = client.get("/", HTTP_HOST="127.0.0.1").content
    static_name = "bench/home.html"
    target = Path(settings.STATIC_ROOT) / static_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(home_html)
    rows.append(
        (
            "Statische Datei (whitenoise)",
            staticfiles_storage.base_url + static_name,
            "0 / 0 / 0",
            len(home_html),
        )
    )
    Path(out).write_text("".join("\t".join(map(str, row)) + "\n" for row in rows))


if __name__ == "__main__":
    # Not at import: the PDF reader's child processes import this main module again.
    django.setup()
    main(sys.argv[1])
