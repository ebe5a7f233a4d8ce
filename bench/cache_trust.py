#!/usr/bin/env python
"""Can the caches be trusted? `make bench-cache`: the checks of issue 12, as an operator
would run them against a production-like instance.

A fresh PostgreSQL database with the demo content, a Redis of its own (``maxmemory``
64 MB, ``noeviction``, a common setting that refuses writes when full), gunicorn with the
production settings and 2 workers on 127.0.0.1. Then:

1. junk: 1,200 requests with random tracking tags, filter values, page numbers and
   searches; how many entries Redis gained, and how many answers were 5xx;
2. commits: 5 trials of re-publishing a page, 5 of deleting one, each while 6 readers
   request it without pause; an answer is stale when its request started after the
   change was committed and it still shows the old text (or the deleted page);
3. Redis stopped: every page, a download, the admin login and ``/health/``.

Prints one Markdown table and exits non-zero if a check failed. Environment:
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ec_cache_trust),
BENCH_PORT (default 8198)."""

import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ec_cache_trust")
os.environ.setdefault("BENCH_PORT", "8198")

from bench import run  # noqa: E402
from tests.redis_servers import RedisServer  # noqa: E402

BASE = f"http://127.0.0.1:{run.PORT}"
PAGES = ["/", "/rueckblick/", "/ankuendigungen/", "/gebietslisten/", "/gebietslisten/berlin/"]


def fetch(path):
    """(status, body) without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(BASE + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def junk_path(rng):
    word = "".join(rng.choices(string.ascii_lowercase + string.digits, k=12))
    return rng.choice(
        [
            f"/?utm_source={word}",
            f"/rueckblick/?jahr={rng.randint(1000, 9999)}",
            f"/rueckblick/?art={word}",
            f"/rueckblick/?page={rng.randint(2, 10**6)}",
            f"/rueckblick/?jahr=2005&utm_campaign={word}",
            f"/ankuendigungen/?page={word}",
            f"/gebietslisten/?bundesland={word}",
            f"/gebietslisten/?q={word}",
            f"/gebietslisten/csv/?programm={word}",
            f"/suche/?q={word}",
            f"/suche/?q=Konferenz&typ={word}",
            f"/{word}/",
        ]
    )


def django_shell(env, code):
    subprocess.run(
        [run.PYTHON, "manage.py", "shell", "-c", code], cwd=run.BASE_DIR, env=env, check=True
    )


PUBLISH = """
from home.models import SectionPage
page = SectionPage.objects.get(slug="{slug}")
page.intro = "{text}"
page.save_revision().publish()
"""
CREATE = """
from home.models import HomePage, SectionPage
home = HomePage.objects.get()
page = SectionPage(title="Probe {slug}", slug="{slug}", intro="Fassung 0")
home.add_child(instance=page)
page.save_revision().publish()
"""
DELETE = """
from wagtail.models import Page
Page.objects.get(slug="{slug}").delete()
"""


def hammer(path, seconds_before, change, readers=6):
    """Readers request ``path`` while ``change()`` runs; returns the answers as
    (started, status, body) and the moment the change had been committed."""
    answers, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            started = time.monotonic()
            status, body = fetch(path)
            answers.append((started, status, body))

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    time.sleep(seconds_before)
    change()
    committed = time.monotonic()
    time.sleep(1.0)
    stop.set()
    for thread in threads:
        thread.join(60)
    return answers, committed


def main():
    tmp = Path(tempfile.mkdtemp(prefix="ec-cache-trust-"))
    name = run.database_name()
    redis_server = RedisServer("--maxmemory", "64mb", "--maxmemory-policy", "noeviction").start()
    process = None
    rows, failed = [], False
    try:
        run.database_admin(f'DROP DATABASE IF EXISTS "{name}"')
        run.database_admin(f'CREATE DATABASE "{name}"')
        env = run.environment(tmp, page_cache=True)
        env["REDIS_URL"] = redis_server.url
        run.log("migrate, demo content")
        run.manage(env, "migrate", "--noinput", "-v", "0")
        run.manage(env, "collectstatic", "--noinput", "-v", "0")
        run.manage(env, "load_demo_content")
        process = run.start_gunicorn(env)

        run.log("1,200 junk requests")
        for path in PAGES + ["/suche/?q=Konferenz"]:
            fetch(path)
        before = redis_server.entries()
        rng = random.Random(2026)
        statuses = [fetch(junk_path(rng))[0] for _ in range(1200)]
        grown = redis_server.entries() - before
        errors = sum(status >= 500 for status in statuses)
        ok = grown <= 60 and errors == 0
        failed |= not ok
        rows.append(("1,200 junk requests", f"+{grown} entries, {errors} × 5xx", ok))

        run.log("re-publish and delete under 6 readers, 5 trials each")
        stale_published = stale_deleted = 0
        for trial in range(5):
            slug = f"probe-{trial}"
            django_shell(env, CREATE.format(slug=slug))
            text = f"Fassung {trial + 1}"
            answers, committed = hammer(
                f"/{slug}/",
                0.5,
                lambda slug=slug, text=text: django_shell(
                    env, PUBLISH.format(slug=slug, text=text)
                ),
            )
            stale_published += sum(
                1 for started, status, body in answers if started > committed and text not in body
            )
            answers, committed = hammer(
                f"/{slug}/", 0.5, lambda slug=slug: django_shell(env, DELETE.format(slug=slug))
            )
            stale_deleted += sum(
                1 for started, status, _ in answers if started > committed and status != 404
            )
        ok = stale_published == 0 and stale_deleted == 0
        failed |= not ok
        rows.append(
            (
                "5 re-publishes, 5 deletions, 6 readers",
                f"{stale_published} + {stale_deleted} stale",
                ok,
            )
        )

        run.log("Redis stopped")
        redis_server.stop()
        statuses = {
            path: fetch(path)[0] for path in PAGES + ["/suche/?q=Konferenz", "/admin/login/"]
        }
        health_status, health_body = fetch("/health/")
        ok = set(statuses.values()) == {200} and health_status == 200
        failed |= not ok
        rows.append(
            (
                "Redis stopped",
                f"pages {sorted(set(statuses.values()))}, /health/ {health_status} "
                f"{json.loads(health_body).get('status')}",
                ok,
            )
        )
    finally:
        run.stop(process)
        redis_server.stop()
        run.database_admin(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(tmp, ignore_errors=True)

    print("| check | result | passed |")
    print("| --- | --- | --- |")
    for check, result, ok in rows:
        print(f"| {check} | {result} | {'ja' if ok else 'NEIN'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
